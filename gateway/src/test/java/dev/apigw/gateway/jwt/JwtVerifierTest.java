package dev.apigw.gateway.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.Settings;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.testsupport.MutableClock;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/** Claim and algorithm rules, in HS256 mode so that no JWKS is involved. */
class JwtVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKey key = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private final JwtVerifier verifier = new JwtVerifier(
            Settings.hs256(SECRET),
            null,
            new VerifiedTokenCache(100, Duration.ofMinutes(5), clock, ticker, new SimpleMeterRegistry()),
            clock);

    @Test
    void validTokenYieldsItsSubject() {
        expectValid(sign(claims()), "user-1");
    }

    @Test
    void expiredTokenIsInvalidPastTheSkew() {
        String token = sign(claims().expiration(Date.from(clock.instant().minusSeconds(31))));

        expectInvalid(token);
    }

    @Test
    void expiryWithinTheSkewIsTolerated() {
        expectValid(sign(claims().expiration(Date.from(clock.instant().minusSeconds(20)))), "user-1");
    }

    @Test
    void tokenWithoutExpiryIsInvalid() {
        expectInvalid(sign(claims().expiration(null)));
    }

    @Test
    void notBeforeInTheFutureIsInvalid() {
        expectInvalid(sign(claims().notBefore(Date.from(clock.instant().plusSeconds(120)))));
    }

    @Test
    void issuedInTheFutureIsInvalid() {
        expectInvalid(sign(claims().issuedAt(Date.from(clock.instant().plusSeconds(120)))));
    }

    @Test
    void wrongIssuerOrAudienceIsInvalid() {
        expectInvalid(sign(claims().issuer("someone-else")));
        expectInvalid(sign(claims().audience().single("another-api")));
    }

    @Test
    void subjectThatCouldSplitAHeaderIsInvalid() {
        expectInvalid(sign(claims().subject("user\r\nX-Admin: true")));
        expectInvalid(sign(claims().subject("a,b")));
        expectInvalid(sign(claims().subject("")));
    }

    @Test
    void algorithmNotPinnedIsInvalidEvenWithTheRightSecret() {
        String hs512 = claims().signWith(
                        Keys.hmacShaKeyFor((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS512)
                .compact();

        expectInvalid(hs512);
    }

    @Test
    void rs256IsInvalidWhenOnlyHs256IsPinned() {
        expectInvalid(new TestTokens().token("user-1", clock.instant()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void unsignedTokenIsInvalid(String alg) {
        String header =
                B64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(("{\"iss\":\"key-admin-service\",\"aud\":\"api-gateway\",\"sub\":\"u\","
                        + "\"exp\":" + (clock.instant().getEpochSecond() + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));

        expectInvalid(header + "." + payload + ".");
        expectInvalid(header + "." + payload + "." + sign(claims()).split("\\.")[2]);
    }

    @Test
    void strippedOrSwappedSignatureIsInvalid() {
        String[] parts = sign(claims()).split("\\.");
        String[] other = sign(claims().subject("user-2")).split("\\.");

        expectInvalid(parts[0] + "." + parts[1] + ".");
        expectInvalid(parts[0] + "." + parts[1]);
        expectInvalid(parts[0] + "." + parts[1] + "." + other[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "a.b.c", "@@@.###.$$$", "eyJhbGciOiJIUzI1NiJ9.e30.", "eyJ9.eyJ9.eyJ9"})
    void garbageIsInvalid(String token) {
        expectInvalid(token);
    }

    @Test
    void oversizedTokenIsInvalidWithoutParsing() {
        expectInvalid("a".repeat(9000));
    }

    @Test
    void repeatedTokenIsServedFromTheVerifiedCacheUntilItExpires() {
        String token = sign(claims().expiration(Date.from(clock.instant().plusSeconds(60))));
        expectValid(token, "user-1");
        expectValid(token, "user-1");

        clock.advance(Duration.ofSeconds(91));

        expectInvalid(token);
    }

    private JwtBuilder claims() {
        return Jwts.builder()
                .issuer(TestTokens.ISSUER)
                .audience()
                .add(TestTokens.AUDIENCE)
                .and()
                .subject("user-1")
                .issuedAt(Date.from(clock.instant()))
                .expiration(Date.from(clock.instant().plusSeconds(600)));
    }

    private String sign(JwtBuilder builder) {
        return builder.signWith(key, Jwts.SIG.HS256).compact();
    }

    private void expectValid(String token, String subject) {
        StepVerifier.create(verifier.verify(token))
                .expectNextMatches(check ->
                        check instanceof JwtCheck.Valid valid && valid.subject().equals(subject))
                .verifyComplete();
    }

    private void expectInvalid(String token) {
        StepVerifier.create(verifier.verify(token))
                .assertNext(check -> assertThat(check).isInstanceOf(JwtCheck.Invalid.class))
                .verifyComplete();
    }
}
