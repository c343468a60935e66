package dev.apigw.gateway.jwt;

import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.keycore.KeyHasher;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Verifies bearer tokens: of the issuer configured at the top of {@code gateway.auth.jwt} and of those
 * it lists under {@code issuers}, chosen by the token's claimed {@code iss} before any key is looked up
 * ({@link TokenIssuers}); each issuer's rules, keys and scope claim are its own ({@link IssuerVerifier}).
 * Verified tokens are remembered by their SHA-256 until they expire (or the cache cap), so a repeated
 * token skips the signature check, the issuer choice and the reading of its scopes. Never emits an
 * error.
 */
public class JwtVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);

    private final JwtProperties settings;
    private final TokenIssuers issuers;
    private final VerifiedTokenCache verified;
    private final Clock clock;

    /** The issuer configured at the top of {@code settings} alone, with these keys. */
    public JwtVerifier(JwtProperties settings, @Nullable JwksKeyStore jwks, VerifiedTokenCache verified, Clock clock) {
        this(settings, new TokenIssuers(List.of(IssuerVerifier.primary(settings, jwks, clock))), verified, clock);
    }

    private JwtVerifier(JwtProperties settings, TokenIssuers issuers, VerifiedTokenCache verified, Clock clock) {
        this.settings = settings;
        this.issuers = issuers;
        this.verified = verified;
        this.clock = clock;
    }

    /** Every issuer of {@code issuers}, chosen by a token's {@code iss}. */
    static JwtVerifier of(
            JwtProperties settings, List<IssuerVerifier> issuers, VerifiedTokenCache verified, Clock clock) {
        return new JwtVerifier(settings, new TokenIssuers(issuers), verified, clock);
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
                            ? valid(known)
                            : new JwtCheck.Invalid("expired"));
        }
        IssuerVerifier issuer = issuers.of(token);
        if (issuer == null) {
            log.debug("Rejected bearer token: no configured issuer");
            return Mono.just(new JwtCheck.Invalid("unlisted issuer"));
        }
        return issuer.verify(token).map(attempt -> {
            if (attempt.token() != null) {
                verified.put(cacheKey, attempt.token());
                return valid(attempt.token());
            }
            log.debug("Rejected bearer token: {}", attempt.why());
            return new JwtCheck.Invalid(attempt.why());
        });
    }

    private static JwtCheck valid(VerifiedToken token) {
        return new JwtCheck.Valid(token.subject(), token.issuedAt(), token.scopes(), token.subjectIsUser());
    }
}
