package dev.apigw.bench.peer.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Cloud Gateway with JWT authentication the usual way: Spring Security's OAuth2 resource server
 * validating RS256 tokens against a JWKS, every route but {@code /public/**} and health requiring an
 * authenticated caller.
 */
@SpringBootApplication
public class SecuredGateway {

    public static void main(String[] args) {
        SpringApplication.run(SecuredGateway.class, args);
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/public/**", "/actuator/health")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }
}
