package dev.apigw.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Lets most reads of a Caffeine cache on the request path skip Caffeine's read bookkeeping: a
 * {@link #peek} stands for a read in all but one of {@value #RECORD_EVERY} cases; when it returns null
 * the caller reads the cache as usual, which records the read (a hit, a miss or a load). Thread-safe.
 *
 * <p>A recorded read goes into a read buffer, and every few reads a full buffer schedules its drain on
 * {@code ForkJoinPool.commonPool}: a task submission and a thread wake-up, several µs per request in the
 * profiles of the warm key and token paths (docs/performance.md, findings 16 and 21). The buffer feeds
 * nothing but the size bound's choice of what to evict (recency and frequency); the caches that use
 * this do not extend expiry on reads. So a peek ({@code Policy.getIfPresentQuietly}) counts its hit in
 * the cache's statistics itself and records nothing else; a key read often is still recorded often, in
 * proportion, so eviction keeps the keys in use.
 *
 * <p>The cache must record its statistics into the {@link StatsCounter} given here
 * ({@code Caffeine.recordStats(() -> stats)}), so that hit counts and metrics stay whole.
 */
public final class SampledReads<K, V> {

    /** One read in this many is left to the cache, recorded; the rest may be peeks. */
    public static final int RECORD_EVERY = 16;

    private final Policy<K, V> policy;
    private final StatsCounter stats;

    public SampledReads(Cache<K, V> cache, StatsCounter stats) {
        this.policy = cache.policy();
        this.stats = stats;
    }

    /**
     * The value cached for {@code key} (unexpired and, for an async cache, loaded), counted as a hit;
     * or null, and then the caller reads the cache itself: the entry is absent, or this read is one
     * Caffeine should record.
     */
    public @Nullable V peek(K key) {
        if (ThreadLocalRandom.current().nextInt(RECORD_EVERY) == 0) {
            return null;
        }
        V value = policy.getIfPresentQuietly(key);
        if (value != null) {
            stats.recordHits(1);
        }
        return value;
    }
}
