package dev.apigw.gateway.jwt;

import dev.apigw.gateway.config.JwtProperties;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies the tokens of one issuer with a jjwt parser built once: only its algorithms (never
 * {@code none}), keys from its JWKS by {@code kid} (RS256) or its shared secret (HS256), never from the
 * token's own {@code jwk}, {@code jku} or {@code x5u} headers; {@code exp} required; {@code exp},
 * {@code nbf}, {@code iat}, {@code iss} and {@code aud} checked with the skew. An unknown {@code kid}
 * triggers one refresh of this issuer's JWKS (within its cooldown) and one more try. The token's scopes
 * are read from this issuer's claim. Never emits an error.
 */
final class IssuerVerifier {

    /** The subject becomes a header value: plain characters only, no CR/LF or commas. */
    private static final Pattern SAFE_SUBJECT = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");

    private final String issuer;
    private final @Nullable JwksKeyStore jwks;
    private final String scopeClaim;
    private final String subjectPrefix;
    private final boolean subjectsAreUsers;
    private final Clock clock;
    private final Duration skew;
    private final JwtParser parser;

    private IssuerVerifier(
            String issuer,
            String audience,
            List<String> algorithms,
            @Nullable String hmacSecret,
            @Nullable JwksKeyStore jwks,
            String scopeClaim,
            String subjectPrefix,
            boolean subjectsAreUsers,
            Duration skew,
            Clock clock) {
        this.issuer = issuer;
        this.jwks = jwks;
        this.scopeClaim = scopeClaim;
        this.subjectPrefix = subjectPrefix;
        this.subjectsAreUsers = subjectsAreUsers;
        this.clock = clock;
        this.skew = skew;
        SecretKey secret = hmacSecret == null ? null : Keys.hmacShaKeyFor(hmacSecret.getBytes(StandardCharsets.UTF_8));
        JwtParserBuilder builder = Jwts.parser()
                .keyLocator(new PinnedKeyLocator(Set.copyOf(algorithms), jwks, secret))
                .clockSkewSeconds(skew.toSeconds())
                .clock(() -> Date.from(clock.instant()));
        if (!issuer.isBlank()) {
            builder.requireIssuer(issuer);
        }
        if (!audience.isBlank()) {
            builder.requireAudience(audience);
        }
        this.parser = builder.build();
    }

    /** The issuer configured at the top of {@code gateway.auth.jwt}: key-admin-service by default. */
    static IssuerVerifier primary(JwtProperties settings, @Nullable JwksKeyStore jwks, Clock clock) {
        return new IssuerVerifier(
                settings.issuer(),
                settings.audience(),
                settings.algorithms(),
                settings.hmacSecret(),
                jwks,
                settings.scopeClaim(),
                "",
                settings.subjectsAreUsers(),
                settings.clockSkew(),
                clock);
    }

    /** One of {@code gateway.auth.jwt.issuers}. */
    static IssuerVerifier other(JwtProperties settings, JwtProperties.Issuer other, JwksKeyStore jwks, Clock clock) {
        return new IssuerVerifier(
                other.issuer(),
                other.audience(),
                other.algorithms(),
                null,
                jwks,
                other.scopeClaim(),
                other.subjectPrefix(),
                false,
                settings.clockSkew(),
                clock);
    }

    /** Its {@code iss}; blank when any is accepted (a single issuer configured without one). */
    String issuer() {
        return issuer;
    }

    /** The token verified, or why not. */
    Mono<Attempt> verify(String token) {
        return Mono.defer(() -> {
            Attempt first = parse(token);
            if (!first.unknownKey() || jwks == null) {
                return Mono.just(first);
            }
            return jwks.refreshIfAllowed().map(refreshed -> refreshed ? parse(token) : first);
        });
    }

    record Attempt(@Nullable VerifiedToken token, String why, boolean unknownKey) {}

    private Attempt parse(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            Date expiration = claims.getExpiration();
            if (expiration == null) {
                return new Attempt(null, "no exp claim", false);
            }
            Date issuedAt = claims.getIssuedAt();
            Instant latestIssue = clock.instant().plus(skew);
            if (issuedAt != null && issuedAt.toInstant().isAfter(latestIssue)) {
                return new Attempt(null, "iat in the future", false);
            }
            String subject = claims.getSubject();
            if (subject == null || !SAFE_SUBJECT.matcher(subject).matches()) {
                return new Attempt(null, "missing or unsafe sub claim", false);
            }
            long issued =
                    issuedAt == null ? Long.MIN_VALUE : issuedAt.toInstant().getEpochSecond();
            VerifiedToken verified = new VerifiedToken(
                    subjectPrefix + subject,
                    expiration.toInstant(),
                    issued,
                    ScopeClaim.read(claims, scopeClaim),
                    subjectsAreUsers);
            return new Attempt(verified, "", false);
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

    static String abbreviate(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^A-Za-z0-9._-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
