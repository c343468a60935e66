package dev.apigw.gateway.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.gateway.support.Downstream;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestTokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #24, more than one issuer: key-admin-service and a second identity provider (WireMock, found
 * by OIDC discovery, scopes in {@code scp}, its own audience). A token's {@code iss} chooses whose
 * keys and rules apply before any key is fetched; nothing of one issuer vouches for another's token.
 */
class IssuersIT extends GatewayIntegrationTest {

    private final TestTokens other = DOWNSTREAM.otherIssuer();

    @BeforeEach
    void otherIssuersKeysAreKnown() {
        eventually(
                Duration.ofSeconds(10),
                "a token of the second issuer verifies",
                () -> status("/api/x", other.sign(other.claims("warm-" + UUID.randomUUID(), Instant.now()))) == 200);
        DOWNSTREAM.server().resetRequests();
    }

    @Test
    void aSecondIssuersTokenIsAcceptedWithTheScopesOfItsOwnClaim() {
        String subject = "idp2-" + UUID.randomUUID();
        String token = other.sign(other.claims(subject, Instant.now()).claim("scp", List.of("reports:read", "x:y")));

        assertThat(status("/scoped/reports/q1", token)).isEqualTo(200);

        LoggedRequest received = DOWNSTREAM.backendRequests().get(0);
        assertThat(received.getHeader("X-User-Id")).isEqualTo("idp2:" + subject);
        assertThat(received.getHeader("X-Auth-Scopes")).isEqualTo("reports:read x:y");
    }

    @Test
    void aSecondIssuersScopesInAnotherClaimGrantNothing() {
        String token = other.sign(
                other.claims("idp2-" + UUID.randomUUID(), Instant.now()).claim("scope", "reports:read"));

        assertThat(status("/scoped/reports/q1", token)).isEqualTo(403);
    }

    @Test
    void aTokenClaimingOneIssuerSignedWithTheOthersKeyIsRefused() {
        // Claims the second issuer (and its audience) but is signed with key-admin-service's key and kid.
        String crafted = TOKENS.sign(Jwts.builder()
                .header()
                .keyId(TOKENS.kid())
                .and()
                .issuer(other.issuer())
                .audience()
                .add(Downstream.OTHER_AUDIENCE)
                .and()
                .subject("mallory")
                .claim("scp", List.of("reports:read"))
                .issuedAt(java.util.Date.from(Instant.now()))
                .expiration(java.util.Date.from(Instant.now().plusSeconds(600))));
        // Claims key-admin-service but is signed by the second issuer, whose scopes would be its own.
        String reverse = other.sign(TOKENS.claims("mallory", Instant.now())
                .header()
                .keyId(other.kid())
                .and()
                .claim("scope", "reports:read"));

        assertThat(status("/scoped/reports/q1", crafted)).isEqualTo(401);
        assertThat(status("/scoped/reports/q1", reverse)).isEqualTo(401);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void aSecondIssuersTokenForAnotherAudienceIsRefused() {
        String token = other.sign(Jwts.builder()
                .header()
                .keyId(other.kid())
                .and()
                .issuer(other.issuer())
                .audience()
                .add("another-app")
                .and()
                .subject("idp2-" + UUID.randomUUID())
                .issuedAt(java.util.Date.from(Instant.now()))
                .expiration(java.util.Date.from(Instant.now().plusSeconds(600))));

        assertThat(status("/api/x", token)).isEqualTo(401);
    }

    @Test
    void anHs256TokenClaimingTheSecondIssuerIsRefused() {
        String token = other.claims("idp2-" + UUID.randomUUID(), Instant.now())
                .signWith(Keys.hmacShaKeyFor("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)))
                .compact();

        assertThat(status("/api/x", token)).isEqualTo(401);
    }

    @Test
    void aTokenNamingAnUnlistedIssuerIsRefusedWithoutAnyKeyFetch() {
        long primary = DOWNSTREAM.jwksFetches();
        long second = DOWNSTREAM.otherIssuerFetches();

        for (int i = 0; i < 20; i++) {
            String token = TOKENS.sign(TOKENS.claims("evil", Instant.now())
                    .issuer("https://evil.example/" + i)
                    .header()
                    .keyId("unknown-" + UUID.randomUUID())
                    .and());
            assertThat(status("/api/x", token)).isEqualTo(401);
        }

        assertThat(DOWNSTREAM.jwksFetches()).isEqualTo(primary);
        assertThat(DOWNSTREAM.otherIssuerFetches()).isEqualTo(second);
    }

    @Test
    void unknownKidsOfTheSecondIssuerCostItAtMostOneFetchPerCooldownAndTheFirstNone() {
        long primary = DOWNSTREAM.jwksFetches();

        for (int i = 0; i < 20; i++) {
            String token = other.sign(other.claims("idp2", Instant.now())
                    .header()
                    .keyId("random-" + UUID.randomUUID())
                    .and());
            assertThat(status("/api/x", token)).isEqualTo(401);
        }

        assertThat(DOWNSTREAM.otherIssuerFetches()).isLessThanOrEqualTo(1);
        assertThat(DOWNSTREAM.jwksFetches()).isEqualTo(primary);
    }

    private int status(String path, String token) {
        return client.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
