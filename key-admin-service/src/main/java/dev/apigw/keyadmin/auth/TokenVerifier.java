package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Verifies this service's own access tokens: signature with the pinned algorithm, {@code iss},
 * {@code aud}, {@code exp} (required) and {@code nbf} with 30 s of clock skew. The parser is built once.
 */
@Component
class TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final JwtParser parser;
    private final String algorithm;

    TokenVerifier(SigningKeys keys, KeyAdminProperties properties, Clock clock) {
        KeyAdminProperties.Token token = properties.token();
        this.algorithm = keys.algorithmName();
        this.parser = keys.verify(Jwts.parser())
                .requireIssuer(token.issuer())
                .requireAudience(token.audience())
                .clockSkewSeconds(30)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** A token whose signature and claims are valid: its subject and when it was issued. */
    record Verified(UUID userId, @Nullable Instant issuedAt) {}

    /** The subject and {@code iat} of a valid token, or empty; never throws for bad input. */
    Optional<Verified> verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!algorithm.equals(jws.getHeader().getAlgorithm())) {
                log.debug("Rejected token signed with {}", jws.getHeader().getAlgorithm());
                return Optional.empty();
            }
            if (jws.getPayload().getExpiration() == null) {
                return Optional.empty();
            }
            Date issuedAt = jws.getPayload().getIssuedAt();
            return Optional.of(new Verified(
                    UUID.fromString(jws.getPayload().getSubject()), issuedAt == null ? null : issuedAt.toInstant()));
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            log.debug("Rejected token: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
