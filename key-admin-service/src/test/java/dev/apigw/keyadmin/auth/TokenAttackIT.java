package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.support.IntegrationTest;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** Every way of presenting a bad token to a protected endpoint is a 401 problem, never a 5xx. */
class TokenAttackIT extends IntegrationTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void noTokenIs401WithChallenge() {
        client.get()
                .uri("/api/auth/apikeys")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"key-admin\"")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    @Test
    void expiredTokenIs401() {
        String token = newUser().token();
        clock.advance(Duration.ofMinutes(16));

        expectRejected(token);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        UserSession user = newUser();
        KeyPair other = Jwts.SIG.RS256.keyPair().build();
        String forged = Jwts.builder()
                .issuer("key-admin-service")
                .audience()
                .add("api-gateway")
                .and()
                .subject(user.id())
                .expiration(Date.from(clock.instant().plusSeconds(600)))
                .signWith(other.getPrivate(), Jwts.SIG.RS256)
                .compact();

        expectRejected(forged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokenIs401(String alg) {
        UserSession user = newUser();
        String header = B64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(("{\"iss\":\"key-admin-service\",\"aud\":\"api-gateway\",\"sub\":\""
                        + user.id() + "\",\"exp\":" + (clock.instant().getEpochSecond() + 600) + ",\"role\":\"ADMIN\"}")
                .getBytes(StandardCharsets.UTF_8));

        expectRejected(header + "." + payload + ".");
        expectRejected(header + "." + payload);
    }

    @Test
    void tamperedPayloadIs401() {
        String token = newUser().token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"USER\"", "\"ADMIN\"");

        expectRejected(parts[0] + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "....", "eyJhbGciOiJSUzI1NiJ9.%%%.sig", "Bearer"})
    void malformedTokenIs401(String token) {
        expectRejected(token);
    }

    @Test
    void hugeTokenIs401() {
        expectRejected("a".repeat(9000));
    }

    @Test
    void nonBearerSchemeIs401() {
        client.get()
                .uri("/api/auth/apikeys")
                .header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private void expectRejected(String token) {
        client.get()
                .uri("/api/auth/apikeys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }
}
