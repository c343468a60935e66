package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.support.FakeTicker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SampledReadsTest {

    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
    private final FakeTicker ticker = new FakeTicker();
    private final Cache<String, String> cache = Caffeine.newBuilder()
            .maximumSize(100)
            .expireAfterWrite(Duration.ofSeconds(10))
            .ticker(ticker)
            .recordStats(() -> stats)
            .build();
    private final SampledReads<String, String> reads = SampledReads.of(cache, stats);

    /** What a caller does: the value if there is one, else its own read (which counts the miss). */
    private String read(String key) {
        String found = reads.getIfPresent(key);
        return found != null ? found : cache.getIfPresent(key);
    }

    /** A cache that counts Caffeine's bookkeeping of each recorded read (quiet reads skip it). */
    private Cache<String, String> countingReads(AtomicInteger recorded) {
        return Caffeine.newBuilder()
                .expireAfter(new Expiry<String, String>() {
                    @Override
                    public long expireAfterCreate(String key, String value, long now) {
                        return Duration.ofMinutes(1).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, String value, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String key, String value, long now, long current) {
                        recorded.incrementAndGet(); // Caffeine's bookkeeping of a read; quiet reads skip it
                        return current;
                    }
                })
                .recordStats(() -> stats)
                .build();
    }

    /** Draws 0, 1, 2, … in turn, so exactly one read in every {@code recordEvery} is recorded. */
    private static final class Sequence implements RandomGenerator {

        private int next;

        @Override
        public long nextLong() {
            return next++;
        }

        @Override
        public int nextInt(int bound) {
            return next++ % bound;
        }
    }

    @Test
    void everyReadAnswersAndOneInSixteenIsRecordedByTheCache() {
        AtomicInteger recorded = new AtomicInteger();
        Cache<String, String> counting = countingReads(recorded);
        Sequence draws = new Sequence();
        SampledReads<String, String> sampled = SampledReads.of(counting, stats, SampledReads.RECORD_EVERY, () -> draws);
        counting.put("k", "v");

        for (int i = 0; i < 1600; i++) {
            assertThat(sampled.getIfPresent("k")).isEqualTo("v");
        }
        assertThat(recorded.get()).isEqualTo(1600 / SampledReads.RECORD_EVERY);
        assertThat(counting.stats().hitCount()).isEqualTo(1600);
    }

    @Test
    void theDefaultDrawsFromTheThreadsOwnRandomAndRecordsAboutOneReadInSixteen() {
        AtomicInteger recorded = new AtomicInteger();
        Cache<String, String> counting = countingReads(recorded);
        SampledReads<String, String> sampled = SampledReads.of(counting, stats);
        counting.put("k", "v");

        for (int i = 0; i < 16_000; i++) {
            sampled.getIfPresent("k");
        }
        // 1,000 expected; a binomial's standard deviation here is about 31, so this is ten of them
        assertThat(recorded.get()).isBetween(690, 1310);
    }

    @Test
    void theFactoryRefusesBadSettingsNamingThem() {
        assertThatThrownBy(() -> SampledReads.of(cache, stats, 0, ThreadLocalRandom::current))
                .hasMessageContaining("recordEvery");
        assertThatThrownBy(() -> SampledReads.of(cache, stats, 16, null)).hasMessageContaining("random");
    }

    @Test
    void nothingCachedIsNullAndCountedByTheCallersOwnRead() {
        for (int i = 0; i < 100; i++) {
            assertThat(reads.getIfPresent("absent")).isNull();
        }
        assertThat(cache.stats().requestCount()).isZero();
    }

    @Test
    void everyReadIsCountedOnceInTheStatistics() {
        cache.put("k", "v");

        for (int i = 0; i < 1000; i++) {
            assertThat(read("k")).isEqualTo("v");
        }
        assertThat(read("absent")).isNull();

        assertThat(cache.stats().hitCount()).isEqualTo(1000);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    @Test
    void neverReturnsAnExpiredValue() {
        cache.put("k", "v");
        ticker.advance(Duration.ofSeconds(11));

        for (int i = 0; i < 100; i++) {
            assertThat(reads.getIfPresent("k")).isNull();
        }
    }
}
