package dev.apigw.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a Caffeine cache on the request path that answer a present value at once and skip
 * Caffeine's read bookkeeping on most reads: all but one in {@value #RECORD_EVERY} are quiet reads
 * ({@code Policy.getIfPresentQuietly}) that count their hit themselves; the rest are the cache's own
 * recorded read. When nothing is cached, nothing is counted and the caller reads the cache itself,
 * which counts the miss (and loads). Thread-safe.
 *
 * <p>A recorded read goes into a read buffer, and every few reads a full buffer schedules its drain on
 * {@code ForkJoinPool.commonPool}: a task submission and a thread wake-up, several µs per request in the
 * profiles of the warm key and token paths (docs/performance.md, findings 16 and 21). The buffer feeds
 * nothing but the size bound's choice of what to evict (recency and frequency); the caches that use
 * this do not extend expiry on reads. A key read often is still recorded often, in proportion, so
 * eviction keeps the keys in use. Every present value takes the same path, recorded or not: the
 * sampled reads do not send one request in 16 down a slower one (finding 22).
 *
 * <p>The cache must record its statistics into the {@link StatsCounter} given here
 * ({@code Caffeine.recordStats(() -> stats)}), so that hit counts and metrics stay whole.
 */
public final class SampledReads<K, V> {

    /** One read in this many is the cache's own, recorded; the rest are quiet. */
    public static final int RECORD_EVERY = 16;

    private final Cache<K, V> cache;
    private final Policy<K, V> policy;
    private final StatsCounter stats;

    public SampledReads(Cache<K, V> cache, StatsCounter stats) {
        this.cache = cache;
        this.policy = cache.policy();
        this.stats = stats;
    }

    /**
     * The value cached for {@code key} (unexpired and, for an async cache's synchronous view, loaded),
     * counted as a hit; or null when there is none, counted as nothing: the caller then reads the cache
     * itself, which counts the miss. In the rare race where the value expires between the quiet read and
     * a recorded one, that read counts the miss and gives null as well.
     */
    public @Nullable V getIfPresent(K key) {
        V value = policy.getIfPresentQuietly(key);
        if (value == null) {
            return null;
        }
        if (ThreadLocalRandom.current().nextInt(RECORD_EVERY) == 0) {
            return cache.getIfPresent(key);
        }
        stats.recordHits(1);
        return value;
    }
}
