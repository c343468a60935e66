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
    void stripsOwnedHeadersInEveryCaseAndUnderscoreSpelling() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-User-Id", "a");
        headers.add("x-user-id", "b");
        headers.add("X_USER_ID", "c");
        headers.add("x-auth-method", "jwt");
        headers.add("X-Api-Key-Id", "k");
        headers.add("X-Other", "kept");

        identity.strip(headers);

        assertThat(headers.headerNames()).containsExactly("X-Other");
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
    void dropsBothCredentialsByDefault() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-API-KEY", "gwk_secret");
        headers.add("authorization", "Bearer t");
        headers.add("X-Other", "kept");

        identity.dropCredentials(headers);

        assertThat(headers.headerNames()).containsExactly("X-Other");
    }

    @Test
    void forwardsTheCredentialsOnlyWhenConfiguredTo() {
        AuthProperties forwarding = Settings.auth(Map.of("forward-api-key", "true", "forward-authorization", "true"));
        HttpHeaders headers = new HttpHeaders();
        headers.add("x-api-key", "gwk_secret");
        headers.add("Authorization", "Bearer t");

        new IdentityHeaders(forwarding, Settings.apiKeys()).dropCredentials(headers);

        assertThat(headers.getFirst("x-api-key")).isEqualTo("gwk_secret");
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void jwtCallersGetNoKeyIdHeader() {
        HttpHeaders headers = new HttpHeaders();

        identity.inject(headers, new AuthOutcome.Authenticated("user-2", AuthMethod.JWT, null));

        assertThat(headers.getFirst("X-Auth-Method")).isEqualTo("jwt");
        assertThat(headers.containsHeader("X-Api-Key-Id")).isFalse();
    }
}
