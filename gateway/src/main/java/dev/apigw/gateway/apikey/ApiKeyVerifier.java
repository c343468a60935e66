package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.auth.AuthMethod;
import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.auth.FailureReason;
import dev.apigw.gateway.cache.RateBudget;
import dev.apigw.keycore.KeyCheck;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a presented API key authenticates its request: offline format and checksum first
 * (a malformed key never reaches the database), then the cached answer if one can be used at once;
 * otherwise whether such a key is stored at all ({@link KnownKeys}: an unknown key need not reach the
 * database either) and the cached lookup by SHA-256. Then revocation, owner and expiry against the
 * clock. Never emits an error.
 */
@Component
public class ApiKeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyVerifier.class);

    private static final Mono<AuthOutcome> UNKNOWN =
            Mono.just(AuthOutcome.rejected(FailureReason.UNKNOWN_KEY, AuthMethod.API_KEY));

    private final KeyFormat format;
    private final KnownKeys known;
    private final ApiKeyCache cache;
    private final LastUsedRecorder lastUsed;
    /** Log lines a second for rejected stored keys and for keys that could not be checked. */
    static final int LOG_LINES_PER_SECOND = 5;

    private final Clock clock;
    /**
     * A flood of revoked keys, or a database outage, would otherwise write a line per request: beyond
     * these the reason is only counted ({@code gateway.auth.outcomes}).
     */
    private final RateBudget rejectionLogs;

    private final RateBudget unavailableLogs;

    ApiKeyVerifier(
            KeyFormat format,
            KnownKeys known,
            ApiKeyCache cache,
            LastUsedRecorder lastUsed,
            Clock clock,
            Ticker ticker) {
        this.format = format;
        this.known = known;
        this.cache = cache;
        this.lastUsed = lastUsed;
        this.clock = clock;
        this.rejectionLogs = RateBudget.perSecond(LOG_LINES_PER_SECOND, ticker);
        this.unavailableLogs = RateBudget.perSecond(LOG_LINES_PER_SECOND, ticker);
    }

    public Mono<AuthOutcome> verify(String presented) {
        KeyCheck check = format.check(presented);
        if (!check.isWellFormed()) {
            log.debug("Rejected API key: {}", check);
            return Mono.just(AuthOutcome.rejected(FailureReason.MALFORMED_KEY, AuthMethod.API_KEY));
        }
        String hash = KeyHasher.hash(presented);
        KeyLookup ready = cache.ready(hash);
        if (ready != null) {
            return Mono.just(decide(ready)); // the warm path: no operator to assemble or subscribe through
        }
        if (!known.admits(hash)) {
            return UNKNOWN;
        }
        return cache.lookup(hash).map(this::decide).onErrorResume(KeyStoreUnavailableException.class, error -> {
            if (unavailableLogs.tryAcquire()) {
                log.warn("API key could not be checked: {}", error.getMessage());
            }
            return Mono.just(AuthOutcome.rejected(FailureReason.KEY_STORE_UNAVAILABLE, AuthMethod.API_KEY));
        });
    }

    private AuthOutcome decide(KeyLookup lookup) {
        if (!(lookup instanceof KeyLookup.Found found)) {
            return AuthOutcome.rejected(FailureReason.UNKNOWN_KEY, AuthMethod.API_KEY);
        }
        KeyRecord key = found.key();
        Instant now = clock.instant();
        FailureReason unusable = key.unusableAt(now);
        if (unusable != null) {
            if (rejectionLogs.tryAcquire()) {
                log.info("Rejected API key {}: {}", key.id(), unusable);
            }
            return AuthOutcome.rejected(unusable, AuthMethod.API_KEY);
        }
        lastUsed.record(found, now);
        return new AuthOutcome.Authenticated(
                key.userId().toString(), AuthMethod.API_KEY, key.id(), key.scopes(), key.limits());
    }
}
