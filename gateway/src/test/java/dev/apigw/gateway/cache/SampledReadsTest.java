package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.support.FakeTicker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final SampledReads<String, String> reads = new SampledReads<>(cache, stats);

    /** What a caller does: the value if there is one, else its own read (which counts the miss). */
    private String read(String key) {
        String found = reads.getIfPresent(key);
        return found != null ? found : cache.getIfPresent(key);
    }

    @Test
    void everyReadAnswersAndOneInSixteenIsRecordedByTheCache() {
        AtomicInteger recorded = new AtomicInteger();
        Cache<String, String> counting = Caffeine.newBuilder()
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
        SampledReads<String, String> sampled = new SampledReads<>(counting, stats);
        counting.put("k", "v");

        for (int i = 0; i < 1600; i++) {
            assertThat(sampled.getIfPresent("k")).isEqualTo("v");
        }
        // 100 expected; these bounds are ten standard deviations wide
        assertThat(recorded.get()).isBetween(3, 197);
        assertThat(counting.stats().hitCount()).isEqualTo(1600);
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
