package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.support.FakeTicker;
import java.time.Duration;
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

    /** What a caller does: the peek if there is one, else its own (recorded) read. */
    private String read(String key) {
        String peeked = reads.peek(key);
        return peeked != null ? peeked : cache.getIfPresent(key);
    }

    @Test
    void mostReadsArePeeksAndTheRestAreLeftToTheCache() {
        cache.put("k", "v");
        int peeks = 0;
        for (int i = 0; i < 1600; i++) {
            if (reads.peek("k") != null) {
                peeks++;
            }
        }
        // one in 16 is left to the cache: 1,500 expected; these bounds are ten standard deviations wide
        assertThat(peeks).isBetween(1400, 1590);
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
    void aPeekNeverReturnsAnExpiredValue() {
        cache.put("k", "v");
        ticker.advance(Duration.ofSeconds(11));

        for (int i = 0; i < 100; i++) {
            assertThat(reads.peek("k")).isNull();
        }
    }
}
