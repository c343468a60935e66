package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/**
 * How long the {@link ApiKeyCache} keeps an entry, counted from its last confirmation: "not found" for
 * the negative ttl, a stored key for the stale period (its answer is only used without a re-check
 * within the ttl; the rest of the stale period serves database outages). Reads do not extend it.
 */
final class ConfirmationExpiry implements Expiry<String, CachedKey> {

    private final long notFoundNanos;
    private final long foundNanos;

    ConfirmationExpiry(Duration negativeTtl, Duration stalePeriod) {
        this.notFoundNanos = negativeTtl.toNanos();
        this.foundNanos = stalePeriod.toNanos();
    }

    @Override
    public long expireAfterCreate(String hash, CachedKey entry, long now) {
        return remaining(entry, now);
    }

    @Override
    public long expireAfterUpdate(String hash, CachedKey entry, long now, long currentDuration) {
        return remaining(entry, now);
    }

    @Override
    public long expireAfterRead(String hash, CachedKey entry, long now, long currentDuration) {
        return currentDuration;
    }

    private long remaining(CachedKey entry, long now) {
        long lifetime = entry.lookup() instanceof KeyLookup.NotFound ? notFoundNanos : foundNanos;
        return Math.max(0, lifetime - (now - entry.confirmedAt()));
    }
}
