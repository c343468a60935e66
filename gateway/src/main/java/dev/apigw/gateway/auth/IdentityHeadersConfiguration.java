package dev.apigw.gateway.auth;

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
 * theirs it comes last; {@code GatewayAuthIT} checks that it does.
 */
@AutoConfiguration(after = {GatewayAutoConfiguration.class, GatewayMetricsAutoConfiguration.class})
public class IdentityHeadersConfiguration {

    @Bean
    IdentityHeadersFilter identityHeadersFilter(IdentityHeaders identityHeaders) {
        return new IdentityHeadersFilter(identityHeaders);
    }
}
