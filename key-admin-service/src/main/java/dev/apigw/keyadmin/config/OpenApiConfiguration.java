package dev.apigw.keyadmin.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). It names both
 * security schemes of the system: the bearer token this service issues, and the API key the gateway
 * accepts.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI keyAdminOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("key-admin-service")
                        .version("v1")
                        .description("Log in, then create, list, rotate and revoke API keys. Every error is"
                                + " RFC 9457 application/problem+json with a stable 'type', a 'code' and the"
                                + " 'request_id'."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("Access token from POST /api/auth/login"))
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("x-api-key")
                                        .description("API key, accepted by the gateway for the APIs behind it")));
    }
}
