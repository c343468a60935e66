package dev.apigw.gateway.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the authentication filter does with the request, under {@code gateway.auth}.
 *
 * @param identityHeaders     headers the gateway owns: removed from every incoming request (also their
 *                            variants with underscores), and the only place the gateway writes identity
 * @param userIdHeader        the header that carries the authenticated user id to the backend
 * @param methodHeader        the header that says how the caller authenticated: {@code jwt} or {@code api_key}
 * @param keyIdHeader         the header that carries the id of the API key used, when one was
 * @param forwardApiKey       whether the {@code x-api-key} header reaches the backend (default: no)
 * @param forwardAuthorization whether the {@code Authorization} header reaches the backend of an authenticated
 *                            route (default: no; the caller's bearer token is a credential, and a backend that
 *                            holds it could replay it; public routes always pass it on)
 * @param realm               the realm named in {@code WWW-Authenticate} challenges
 * @param scopesHeader        the header that carries the caller's effective scopes to the backend, sorted and
 *                            space-separated; absent when the caller has none. Always stripped from client
 *                            requests, listed in {@code identity-headers} or not (a list configured before
 *                            scopes existed keeps working)
 */
@Validated
@ConfigurationProperties("gateway.auth")
public record AuthProperties(
        @NotEmpty @DefaultValue({"X-User-Id", "X-Auth-Method", "X-Api-Key-Id", "X-Auth-Scopes"})
        List<@NotBlank String> identityHeaders,

        @NotBlank @DefaultValue("X-User-Id") String userIdHeader,
        @NotBlank @DefaultValue("X-Auth-Method") String methodHeader,
        @NotBlank @DefaultValue("X-Api-Key-Id") String keyIdHeader,
        @DefaultValue("false") boolean forwardApiKey,
        @DefaultValue("false") boolean forwardAuthorization,

        @NotBlank @Pattern(regexp = "[A-Za-z0-9 ._-]+") @DefaultValue("api-gateway")
        String realm,

        @NotBlank @DefaultValue("X-Auth-Scopes") String scopesHeader) {

    public AuthProperties {
        for (String injected : List.of(userIdHeader, methodHeader, keyIdHeader)) {
            if (identityHeaders.stream().noneMatch(injected::equalsIgnoreCase)) {
                throw new IllegalArgumentException("gateway.auth.identity-headers must include " + injected
                        + ": every header the gateway injects must be stripped from client requests");
            }
        }
    }
}
