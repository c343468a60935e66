package dev.apigw.gateway.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.scope.Scopes;
import dev.apigw.gateway.support.Settings;
import dev.apigw.testsupport.MutableClock;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class TokenIssuersTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private final SecretKey key = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void theClaimedIssuerIsReadFromThePayloadWithoutAnyCheck() {
        assertThat(TokenIssuers.claimedIssuer(token("https://idp.example"))).isEqualTo("https://idp.example");
        assertThat(TokenIssuers.claimedIssuer(unsigned("{\"iss\":42}"))).isNull();
        assertThat(TokenIssuers.claimedIssuer(unsigned("not json"))).isNull();
        assertThat(TokenIssuers.claimedIssuer("a.%%%.c")).isNull();
        assertThat(TokenIssuers.claimedIssuer("no-dots")).isNull();
    }

    @Test
    void aTokenGoesToTheVerifierOfTheIssuerItNamesAndToNoneOtherwise() {
        IssuerVerifier ours = IssuerVerifier.primary(Settings.hs256(SECRET), null, clock);
        TokenIssuers issuers = new TokenIssuers(List.of(ours));

        assertThat(issuers.of(token("key-admin-service"))).isSameAs(ours);
        assertThat(issuers.of(token("https://elsewhere.example"))).isNull();
        assertThat(issuers.of(unsigned("{}"))).isNull();
    }

    @Test
    void aSingleIssuerWithoutAnIssTakesEveryTokenAsBefore() {
        IssuerVerifier any = IssuerVerifier.primary(
                Settings.jwt(Map.of("algorithms", "HS256", "hmac-secret", SECRET, "issuer", "")), null, clock);

        assertThat(new TokenIssuers(List.of(any)).of(token("whoever"))).isSameAs(any);
    }

    @Test
    void theScopeClaimIsReadAsAStringOrAList() {
        IssuerVerifier ours = IssuerVerifier.primary(Settings.hs256(SECRET), null, clock);
        String listed = Jwts.builder()
                .issuer("key-admin-service")
                .audience()
                .add("api-gateway")
                .and()
                .subject("u")
                .claim("scope", List.of("a:b", 7, "c:d"))
                .expiration(Date.from(clock.instant().plusSeconds(60)))
                .signWith(key)
                .compact();

        IssuerVerifier.Attempt attempt = ours.verify(listed).block();

        assertThat(attempt).isNotNull();
        assertThat(attempt.token()).isNotNull();
        assertThat(attempt.token().scopes()).isEqualTo(Scopes.of("a:b", "c:d"));
    }

    private String token(String issuer) {
        return Jwts.builder()
                .issuer(issuer)
                .subject("u")
                .expiration(Date.from(clock.instant().plusSeconds(60)))
                .signWith(key)
                .compact();
    }

    private static String unsigned(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
