package dev.apigw.gateway.auth;

import dev.apigw.gateway.proxy.ProxyHeaderPolicy;
import dev.apigw.gateway.proxy.ProxyHeadersRegistrar;
import dev.apigw.gateway.proxy.ResponseHopByHopFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.gateway.config.GatewayAutoConfiguration;
import org.springframework.cloud.gateway.config.GatewayMetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link IdentityHeadersFilter} after Spring Cloud Gateway's own request header filters.
 * Two of those, {@code GRPCRequestHeadersFilter} (created only where HTTP/2 is on) and
 * {@code ObservedRequestHttpHeadersFilter}, share its order ({@code LOWEST_PRECEDENCE}), and beans of
 * equal order keep the order in which they were registered: a component of the application comes
 * before every auto-configuration's beans, so as a
 * {@code @Component} the filter ran before those two, and each copied the identity headers again on
 * every authenticated request. As an auto-configuration ordered after
 * theirs it comes last; {@code GatewayAuthIT} checks that it does. It also puts the gateway's
 * header rules in place of three of the framework's filters ({@link ProxyHeadersRegistrar}).
 */
@AutoConfiguration(after = {GatewayAutoConfiguration.class, GatewayMetricsAutoConfiguration.class})
public class IdentityHeadersConfiguration {

    @Bean
    IdentityHeadersFilter identityHeadersFilter(IdentityHeaders identityHeaders, ProxyHeaderPolicy proxyHeaders) {
        return new IdentityHeadersFilter(identityHeaders, proxyHeaders);
    }

    @Bean
    ResponseHopByHopFilter responseHopByHopFilter(ProxyHeaderPolicy proxyHeaders) {
        return new ResponseHopByHopFilter(proxyHeaders);
    }

    /** Static: it changes bean definitions, before any bean of this configuration exists. */
    @Bean
    static ProxyHeadersRegistrar proxyHeadersRegistrar() {
        return new ProxyHeadersRegistrar();
    }
}
