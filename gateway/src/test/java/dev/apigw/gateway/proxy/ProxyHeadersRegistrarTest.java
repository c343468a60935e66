package dev.apigw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

class ProxyHeadersRegistrarTest {

    private final DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
    private final ProxyHeadersRegistrar registrar = new ProxyHeadersRegistrar();
    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void withoutTrustedProxiesEveryRuleIsTakenOverAndTheFrameworksFiltersAreGone() {
        frameworkDefines(
                ProxyHeadersRegistrar.HOP_BY_HOP_BEAN,
                ProxyHeadersRegistrar.FORWARDED_BEAN,
                ProxyHeadersRegistrar.X_FORWARDED_BEAN);

        assertThat(policy()).isEqualTo(ProxyHeaderPolicy.STRICT);
        assertThat(registry.getBeanDefinitionNames()).containsExactly(ProxyHeadersRegistrar.POLICY_BEAN);
    }

    @Test
    void withTrustedProxiesTheForwardingHeadersAreLeftToTheFramework() {
        // With trusted proxies the framework registers its X-Forwarded and Forwarded filters instead of
        // the removing ones: nothing to take over, and the client's (checked) values must go on.
        frameworkDefines(ProxyHeadersRegistrar.HOP_BY_HOP_BEAN, "xForwardedHeadersFilter");

        assertThat(policy()).isEqualTo(new ProxyHeaderPolicy(false, false, true));
        assertThat(registry.containsBeanDefinition("xForwardedHeadersFilter")).isTrue();
    }

    @Test
    void anOperatorsHopByHopListKeepsTheFrameworksHopByHopFilter() {
        environment.setProperty(ProxyHeadersRegistrar.HOP_BY_HOP_LIST, "connection,upgrade");
        frameworkDefines(ProxyHeadersRegistrar.HOP_BY_HOP_BEAN, ProxyHeadersRegistrar.X_FORWARDED_BEAN);

        assertThat(policy()).isEqualTo(new ProxyHeaderPolicy(false, true, false));
        assertThat(registry.containsBeanDefinition(ProxyHeadersRegistrar.HOP_BY_HOP_BEAN))
                .isTrue();
    }

    private void frameworkDefines(String... names) {
        for (String name : names) {
            registry.registerBeanDefinition(name, new RootBeanDefinition(Object.class));
        }
    }

    private ProxyHeaderPolicy policy() {
        registrar.setEnvironment(environment);
        registrar.postProcessBeanDefinitionRegistry(registry);
        return registry.getBean(ProxyHeadersRegistrar.POLICY_BEAN, ProxyHeaderPolicy.class);
    }
}
