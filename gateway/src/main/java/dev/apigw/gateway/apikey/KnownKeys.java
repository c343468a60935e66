package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.cache.RateBudget;
import dev.apigw.gateway.config.ApiKeyProperties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which key hashes the database holds, so that a well-formed key nobody issued is refused without a
 * database lookup: the defence against floods of random keys with valid checksums.
 *
 * <ul>
 *   <li>The set holds the first 64 bits of every stored key's hash. The {@link RevocationListener}
 *       loads it after each successful {@code LISTEN} and adds every hash the change channel names (the
 *       schema notifies inserts as well as changes). It only grows while the gateway runs: a deleted
 *       key's entry merely costs a lookup that answers "unknown".</li>
 *   <li>Until it is loaded (at startup, and from a lost listener connection until the reload after the
 *       reconnection) it is not <em>current</em>, and every key is looked up as if it were listed.</li>
 *   <li>A key that is not listed may still have been created a moment ago, its notice not yet
 *       arrived: such keys are looked up at up to {@code unlisted-lookups-per-second}, and any beyond
 *       that are refused as unknown. Every key a lookup finds is added to the set
 *       ({@link ApiKeyCache}).</li>
 * </ul>
 * The set only routes: a listed key (or a 64-bit prefix collision) is looked up as before, so it can
 * never make an unknown, revoked or expired key pass. Thread-safe.
 */
@Component
public class KnownKeys {

    private final Set<Long> prefixes = ConcurrentHashMap.newKeySet();
    private final RateBudget unlistedLookups;
    private final ApiKeyMetrics metrics;
    private volatile boolean current;

    @Autowired
    KnownKeys(ApiKeyProperties settings, Ticker ticker, ApiKeyMetrics metrics) {
        this(settings.unlistedLookupsPerSecond(), ticker, metrics);
    }

    /** {@code unlistedLookupsPerSecond} of 0 looks no unlisted key up while the set is current. */
    KnownKeys(int unlistedLookupsPerSecond, Ticker ticker, ApiKeyMetrics metrics) {
        this.unlistedLookups = unlistedLookupsPerSecond == 0
                ? RateBudget.none()
                : RateBudget.perSecond(unlistedLookupsPerSecond, ticker);
        this.metrics = metrics;
        metrics.watch(this);
    }

    /** Whether the key with this hash is worth a database lookup; false means "refuse it as unknown". */
    boolean admits(String hash) {
        if (!current || prefixes.contains(prefix(hash)) || unlistedLookups.tryAcquire()) {
            return true;
        }
        metrics.unlistedRefused();
        return false;
    }

    /** The database holds a key with this hash (anything that is not a SHA-256 hex is ignored). */
    void add(String hash) {
        if (hash.length() == 64) {
            try {
                prefixes.add(prefix(hash));
            } catch (NumberFormatException notHex) {
                // not a key hash: nothing to list
            }
        }
    }

    /** Notices may be missed from now on: look every key up until {@link #loaded()}. */
    void stale() {
        current = false;
    }

    /** Every stored key has been added, and notices arrive: unlisted keys can be refused. */
    void loaded() {
        current = true;
    }

    boolean isCurrent() {
        return current;
    }

    int size() {
        return prefixes.size();
    }

    /**
     * The first 16 hex digits as a number, by hand: {@code Long.parseUnsignedLong} takes its slow,
     * overflow-checking path for 16 digits, and this runs on every request.
     */
    private static Long prefix(String hash) {
        long value = 0;
        for (int i = 0; i < 16; i++) {
            char c = hash.charAt(i);
            int digit = c >= '0' && c <= '9'
                    ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw new NumberFormatException("not a hex digit at " + i);
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
