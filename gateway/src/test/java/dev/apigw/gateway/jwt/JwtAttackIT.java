package dev.apigw.gateway.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestTokens;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** Every forged, tampered or stale token is a 401 problem, never a 5xx, and never reaches the backend. */
class JwtAttackIT extends GatewayIntegrationTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokensAreRejected(String alg) {
        String header = b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + TOKENS.kid() + "\"}");
        String payload = b64("{\"iss\":\"key-admin-service\",\"aud\":\"api-gateway\",\"sub\":\"admin\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}");

        expectRejected(header + "." + payload + ".");
        expectRejected(header + "." + payload);
    }

    @Test
    void strippedOrSwappedSignatureIsRejected() {
        String[] mine = TOKENS.token("user-a", Instant.now()).split("\\.");
        String[] other = TOKENS.token("user-b", Instant.now()).split("\\.");

        expectRejected(mine[0] + "." + mine[1] + ".");
        expectRejected(mine[0] + "." + other[1] + "." + mine[2]);
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRejected() {
        byte[] publicKeyBytes = TOKENS.pair().getPublic().getEncoded();
        String confused = TOKENS.claims("admin", Instant.now())
                .header()
                .add("alg", "HS256")
                .and()
                .signWith(Keys.hmacShaKeyFor(publicKeyBytes), Jwts.SIG.HS256)
                .compact();

        expectRejected(confused);
    }

    @Test
    void tokenSignedByAnotherKeyWithAKnownKidIsRejected() {
        KeyPair attacker = Jwts.SIG.RS256.keyPair().build();

        expectRejected(TOKENS.claims("admin", Instant.now())
                .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                .compact());
    }

    @Test
    void keysPointedToByTheTokenAreNeverFetchedOrTrusted() {
        KeyPair attacker = Jwts.SIG.RS256.keyPair().build();
        String attackerJwks = "{\"keys\":["
                + Jwks.json(Jwks.builder()
                        .key((RSAPublicKey) attacker.getPublic())
                        .id("evil")
                        .build()) + "]}";
        DOWNSTREAM
                .server()
                .stubFor(get(urlPathMatching("/attacker/.*"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(200).withBody(attackerJwks)));

        String withJku = Jwts.builder()
                .header()
                .keyId("evil")
                .add("jku", DOWNSTREAM.url("/attacker/jwks"))
                .add("x5u", DOWNSTREAM.url("/attacker/cert"))
                .and()
                .issuer(TestTokens.ISSUER)
                .audience()
                .add(TestTokens.AUDIENCE)
                .and()
                .subject("admin")
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                .compact();
        String withEmbeddedJwk = Jwts.builder()
                .header()
                .keyId("evil")
                .jwk(Jwks.builder().key((RSAPublicKey) attacker.getPublic()).build())
                .and()
                .issuer(TestTokens.ISSUER)
                .audience()
                .add(TestTokens.AUDIENCE)
                .and()
                .subject("admin")
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                .compact();

        expectRejected(withJku);
        expectRejected(withEmbeddedJwk);
        assertThat(DOWNSTREAM.server().getAllServeEvents())
                .noneMatch(event -> event.getRequest().getUrl().startsWith("/attacker"));
    }

    @Test
    void expiredNotYetValidAndExpiryLessTokensAreRejected() {
        Instant now = Instant.now();

        expectRejected(TOKENS.sign(TOKENS.claims("u", now).expiration(Date.from(now.minusSeconds(120)))));
        expectRejected(TOKENS.sign(TOKENS.claims("u", now).notBefore(Date.from(now.plusSeconds(300)))));
        expectRejected(TOKENS.sign(TOKENS.claims("u", now).expiration(null)));
    }

    @Test
    void wrongIssuerOrAudienceIsRejected() {
        Instant now = Instant.now();

        expectRejected(TOKENS.sign(TOKENS.claims("u", now).issuer("https://evil.example")));
        expectRejected(TOKENS.sign(TOKENS.claims("u", now).audience().single("other-api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../../../etc/passwd", "' OR 1=1 --"})
    void garbageKidIsRejected(String kid) {
        expectRejected(TOKENS.sign(
                TOKENS.claims("u", Instant.now()).header().keyId(kid).and()));
    }

    @Test
    void hugeKidOrTokenIsRejected() {
        expectRejected(TOKENS.sign(TOKENS.claims("u", Instant.now())
                .header()
                .keyId("k".repeat(5000))
                .and()));
        expectRejected("e" + "x".repeat(9000) + ".y.z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "a.b.c",
                "%%%.%%%.%%%",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0",
                "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
                "bm90IGpzb24.bm90IGpzb24.bm90IGpzb24"
            })
    void malformedBase64OrJsonIsRejected(String token) {
        expectRejected(token);
    }

    @Test
    void randomKidStormFetchesTheJwksAtMostOncePerCooldown() {
        long before = DOWNSTREAM.jwksFetches();
        for (int i = 0; i < 25; i++) {
            expectRejected(TOKENS.sign(TOKENS.claims("u", Instant.now())
                    .header()
                    .keyId(UUID.randomUUID().toString())
                    .and()));
        }

        assertThat(DOWNSTREAM.jwksFetches() - before).isLessThanOrEqualTo(1);
    }

    private void expectRejected(String token) {
        DOWNSTREAM.server().resetRequests();
        client.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid-credentials");
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
