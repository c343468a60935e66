package dev.apigw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.support.Settings;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class IdentityHeadersTest {

    private final IdentityHeaders identity = new IdentityHeaders(Settings.auth(), Settings.apiKeys());

    @Test
    void leavesOutOwnedHeadersInEveryCaseAndUnderscoreSpelling() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-User-Id", "a");
        headers.add("x-user-id", "b");
        headers.add("X_USER_ID", "c");
        headers.add("x-auth-method", "jwt");
        headers.add("X-Api-Key-Id", "k");
        headers.add("X-Other", "kept");

        HttpHeaders forwarded = identity.forwarded(headers, false, "req-1");

        assertThat(forwarded.headerNames()).containsExactly("X-Other", "X-Request-Id");
        assertThat(forwarded.get("x_user_id")).isNull();
        assertThat(forwarded.getFirst("X-Request-Id")).isEqualTo("req-1");
    }

    @Test
    void injectsTheIdentity() {
        HttpHeaders headers = new HttpHeaders();
        UUID keyId = UUID.randomUUID();

        identity.inject(headers, new AuthOutcome.Authenticated("user-1", AuthMethod.API_KEY, keyId));

        assertThat(headers.getFirst("X-User-Id")).isEqualTo("user-1");
        assertThat(headers.getFirst("X-Auth-Method")).isEqualTo("api_key");
        assertThat(headers.getFirst("X-Api-Key-Id")).isEqualTo(keyId.toString());
    }

    @Test
    void leavesOutBothCredentialsOfAnAuthenticatedCallerByDefault() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-API-KEY", "gwk_secret");
        headers.add("authorization", "Bearer t");
        headers.add("X-Other", "kept");

        HttpHeaders forwarded = identity.forwarded(headers, true, "req-1");

        assertThat(forwarded.headerNames()).containsExactly("X-Other", "X-Request-Id");
        assertThat(identity.forwarded(headers, false, "req-1").getFirst("x-api-key"))
                .isEqualTo("gwk_secret");
    }

    @Test
    void forwardsTheCredentialsOnlyWhenConfiguredTo() {
        AuthProperties forwarding = Settings.auth(Map.of("forward-api-key", "true", "forward-authorization", "true"));
        HttpHeaders headers = new HttpHeaders();
        headers.add("x-api-key", "gwk_secret");
        headers.add("Authorization", "Bearer t");

        HttpHeaders forwarded = new IdentityHeaders(forwarding, Settings.apiKeys()).forwarded(headers, true, "req-1");

        assertThat(forwarded.getFirst("x-api-key")).isEqualTo("gwk_secret");
        assertThat(forwarded.getFirst("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void jwtCallersGetNoKeyIdHeader() {
        HttpHeaders headers = new HttpHeaders();

        identity.inject(headers, new AuthOutcome.Authenticated("user-2", AuthMethod.JWT, null));

        assertThat(headers.getFirst("X-Auth-Method")).isEqualTo("jwt");
        assertThat(headers.containsHeader("X-Api-Key-Id")).isFalse();
    }
}
