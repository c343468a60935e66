package dev.apigw.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a Caffeine cache on a hot path that answer a present value at once and skip Caffeine's read
 * bookkeeping on most reads: about one read in {@code recordEvery} (drawn at random) is the cache's
 * own, recorded read; the others are quiet reads ({@code Policy.getIfPresentQuietly}) that count their
 * hit themselves.
 *
 * <p>A recorded read goes into a read buffer, and every few reads a full buffer schedules its drain on
 * {@code ForkJoinPool.commonPool}: a task submission and a thread wake-up, several µs per request. The
 * buffer feeds nothing but the size bound's choice of what to evict (recency and frequency), so a cache
 * that does not extend expiry on reads loses nothing that matters: a key read often is still recorded
 * often, in proportion. Every present value takes the same path, recorded or not, so no request is sent
 * down a slower one.
 *
 * <p>Contract: thread-safe; never loads and never blocks. When nothing is cached, nothing is counted and
 * null is returned: the caller reads the cache itself, which counts the miss (and loads). The cache must
 * record its statistics into the {@link StatsCounter} given here
 * ({@code Caffeine.recordStats(() -> stats)}), so that hit counts and metrics stay whole.
 */
public final class SampledReads<K, V> {

    /** By default one read in this many is the cache's own, recorded; the rest are quiet. */
    public static final int RECORD_EVERY = 16;

    private final Cache<K, V> cache;
    private final Policy<K, V> policy;
    private final StatsCounter stats;
    private final int recordEvery;
    private final Supplier<? extends RandomGenerator> random;

    private SampledReads(
            Cache<K, V> cache, StatsCounter stats, int recordEvery, Supplier<? extends RandomGenerator> random) {
        this.cache = cache;
        this.policy = cache.policy();
        this.stats = stats;
        this.recordEvery = recordEvery;
        this.random = random;
    }

    /** One read in {@link #RECORD_EVERY} recorded, drawn from the thread's {@link ThreadLocalRandom}. */
    public static <K, V> SampledReads<K, V> of(Cache<K, V> cache, StatsCounter stats) {
        return of(cache, stats, RECORD_EVERY, ThreadLocalRandom::current);
    }

    /**
     * One read in {@code recordEvery} (at least 1) recorded, drawn from the generator {@code random}
     * supplies at each read (a thread-local one, or a fixed sequence in tests).
     */
    public static <K, V> SampledReads<K, V> of(
            Cache<K, V> cache, StatsCounter stats, int recordEvery, Supplier<? extends RandomGenerator> random) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(random, "random");
        if (recordEvery < 1) {
            throw new IllegalArgumentException("recordEvery must be positive: " + recordEvery);
        }
        return new SampledReads<>(cache, stats, recordEvery, random);
    }

    /**
     * The value cached for {@code key} (unexpired and, for an async cache's synchronous view, loaded),
     * counted as a hit; or null when there is none, counted as nothing. In the rare race where the value
     * expires between the quiet read and a recorded one, that read counts the miss and gives null too.
     */
    public @Nullable V getIfPresent(K key) {
        V value = policy.getIfPresentQuietly(key);
        if (value == null) {
            return null;
        }
        if (random.get().nextInt(recordEvery) == 0) {
            return cache.getIfPresent(key);
        }
        stats.recordHits(1);
        return value;
    }
}
