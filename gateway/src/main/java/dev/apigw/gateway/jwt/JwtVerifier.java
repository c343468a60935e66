package dev.apigw.gateway.jwt;

import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.keycore.KeyHasher;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Verifies bearer tokens with a jjwt parser built once. Only the configured algorithms are accepted
 * (never {@code none}); keys come from the JWKS by {@code kid} (RS256) or the shared secret (HS256),
 * never from the token's own {@code jwk}, {@code jku} or {@code x5u} headers. {@code exp} is required;
 * {@code exp}, {@code nbf}, {@code iat}, {@code iss} and {@code aud} are checked with the configured
 * skew. An unknown {@code kid} triggers one JWKS refresh (within its cooldown) and one more try.
 * Verified tokens are remembered by their SHA-256 until they expire (or the cache cap), so a repeated
 * token skips the signature check. Never emits an error.
 */
public class JwtVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);
    /** The subject becomes a header value: plain characters only, no CR/LF or commas. */
    private static final Pattern SAFE_SUBJECT = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");

    private final JwtProperties settings;
    private final @Nullable JwksKeyStore jwks;
    private final VerifiedTokenCache verified;
    private final Clock clock;
    private final JwtParser parser;

    public JwtVerifier(JwtProperties settings, @Nullable JwksKeyStore jwks, VerifiedTokenCache verified, Clock clock) {
        this.settings = settings;
        this.jwks = jwks;
        this.verified = verified;
        this.clock = clock;
        Set<String> algorithms = Set.copyOf(settings.algorithms());
        SecretKey secret = settings.hmacSecret() == null
                ? null
                : Keys.hmacShaKeyFor(settings.hmacSecret().getBytes(StandardCharsets.UTF_8));
        JwtParserBuilder builder = Jwts.parser()
                .keyLocator(new PinnedKeyLocator(algorithms, jwks, secret))
                .clockSkewSeconds(settings.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()));
        if (!settings.issuer().isBlank()) {
            builder.requireIssuer(settings.issuer());
        }
        if (!settings.audience().isBlank()) {
            builder.requireAudience(settings.audience());
        }
        this.parser = builder.build();
    }

    public Mono<JwtCheck> verify(String token) {
        if (token.isEmpty() || token.length() > settings.maxTokenLength()) {
            return Mono.just(new JwtCheck.Invalid("empty or oversized token"));
        }
        String cacheKey = HexFormat.of().formatHex(KeyHasher.sha256(token));
        VerifiedToken known = verified.get(cacheKey);
        if (known != null) {
            return Mono.just(
                    clock.instant().isBefore(known.expiresAt().plus(settings.clockSkew()))
                            ? new JwtCheck.Valid(known.subject(), known.issuedAt())
                            : new JwtCheck.Invalid("expired"));
        }
        return Mono.defer(() -> {
                    Attempt first = parse(token);
                    if (!first.unknownKey() || jwks == null) {
                        return Mono.just(first);
                    }
                    return jwks.refreshIfAllowed().map(refreshed -> refreshed ? parse(token) : first);
                })
                .map(attempt -> {
                    if (attempt.token() != null) {
                        verified.put(cacheKey, attempt.token());
                        return new JwtCheck.Valid(
                                attempt.token().subject(), attempt.token().issuedAt());
                    }
                    log.debug("Rejected bearer token: {}", attempt.why());
                    return new JwtCheck.Invalid(attempt.why());
                });
    }

    private record Attempt(@Nullable VerifiedToken token, String why, boolean unknownKey) {}

    private Attempt parse(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            Date expiration = claims.getExpiration();
            if (expiration == null) {
                return new Attempt(null, "no exp claim", false);
            }
            Date issuedAt = claims.getIssuedAt();
            Instant latestIssue = clock.instant().plus(settings.clockSkew());
            if (issuedAt != null && issuedAt.toInstant().isAfter(latestIssue)) {
                return new Attempt(null, "iat in the future", false);
            }
            String subject = claims.getSubject();
            if (subject == null || !SAFE_SUBJECT.matcher(subject).matches()) {
                return new Attempt(null, "missing or unsafe sub claim", false);
            }
            long issued =
                    issuedAt == null ? Long.MIN_VALUE : issuedAt.toInstant().getEpochSecond();
            return new Attempt(new VerifiedToken(subject, expiration.toInstant(), issued), "", false);
        } catch (UnknownKeyException e) {
            return new Attempt(null, String.valueOf(e.getMessage()), true);
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return new Attempt(null, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    /** Thrown by the locator for a well-formed header whose kid is not (yet) known. */
    private static final class UnknownKeyException extends JwtException {
        UnknownKeyException(String message) {
            super(message);
        }
    }

    /** Chooses the key from configuration only, and only for a pinned algorithm. */
    private static final class PinnedKeyLocator extends LocatorAdapter<Key> {

        private final Set<String> algorithms;
        private final @Nullable JwksKeyStore jwks;
        private final @Nullable SecretKey secret;

        PinnedKeyLocator(Set<String> algorithms, @Nullable JwksKeyStore jwks, @Nullable SecretKey secret) {
            this.algorithms = algorithms;
            this.jwks = jwks;
            this.secret = secret;
        }

        @Override
        protected Key locate(JwsHeader header) {
            String algorithm = header.getAlgorithm();
            if (algorithm == null || !algorithms.contains(algorithm)) {
                throw new JwtException("algorithm not allowed: " + abbreviate(algorithm));
            }
            if ("HS256".equals(algorithm)) {
                if (secret == null) {
                    throw new JwtException("no HS256 secret configured");
                }
                return secret;
            }
            String kid = header.getKeyId();
            Key key = jwks == null ? null : jwks.key(kid);
            if (key == null) {
                throw new UnknownKeyException("unknown kid " + abbreviate(kid));
            }
            return key;
        }

        @Override
        protected @Nullable Key doLocate(Header header) {
            throw new JwtException("unsigned tokens are not accepted");
        }
    }

    private static String abbreviate(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^A-Za-z0-9._-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
