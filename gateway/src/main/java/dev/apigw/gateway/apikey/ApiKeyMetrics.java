package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.AsyncCache;
import dev.apigw.gateway.cache.BatchedRecheck;
import dev.apigw.gateway.cache.CoalescingReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The key path's meters ({@code gateway.auth.apikey.*}), registered once, so that recording is an
 * increment and the classes that do the work carry no meter set-up.
 */
@Component
public class ApiKeyMetrics {

    private static final String PREFIX = "gateway.auth.apikey.";

    private final MeterRegistry meters;
    private final Timer lookups;
    private final DistributionSummary keysPerQuery;
    private final Counter staleServed;
    private final Counter unlistedRefused;

    ApiKeyMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.lookups = Timer.builder(PREFIX + "lookup")
                .description("Database lookups of API keys")
                .publishPercentileHistogram()
                .register(meters);
        this.keysPerQuery = DistributionSummary.builder(PREFIX + "lookup.keys")
                .description("Keys read by one database lookup (reads that waited are merged)")
                .register(meters);
        this.staleServed = Counter.builder(PREFIX + "stale.served")
                .description("Answers served from cache because the database could not confirm them")
                .register(meters);
        this.unlistedRefused = Counter.builder(PREFIX + "unlisted.refused")
                .description("Well-formed keys refused as unknown without a lookup: not among the stored keys")
                .register(meters);
    }

    /** One database query of {@code keys} keys that took {@code nanos}. */
    void queried(long nanos, int keys) {
        lookups.record(nanos, TimeUnit.NANOSECONDS);
        keysPerQuery.record(keys);
    }

    void staleServed() {
        staleServed.increment();
    }

    void unlistedRefused() {
        unlistedRefused.increment();
    }

    void watch(CoalescingReader<?, ?> reads) {
        Gauge.builder(PREFIX + "lookups.in_flight", reads, CoalescingReader::queriesRunning)
                .register(meters);
        Gauge.builder(PREFIX + "lookups.waiting", reads, CoalescingReader::readsWaiting)
                .register(meters);
        FunctionCounter.builder(PREFIX + "lookup.rejected", reads, CoalescingReader::rejectedReads)
                .description("Lookups refused because too many were in flight or waiting")
                .register(meters);
    }

    void watch(BatchedRecheck<?, ?, ?> rechecks) {
        Gauge.builder(PREFIX + "rechecks.pending", rechecks, BatchedRecheck::pending)
                .description("Cached keys waiting for their batched background re-check")
                .register(meters);
    }

    void watch(AsyncCache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(meters, cache, "api-keys");
    }

    void watch(KnownKeys known) {
        Gauge.builder(PREFIX + "known", known, KnownKeys::size)
                .description("Stored key hashes the gateway knows of")
                .register(meters);
        Gauge.builder(PREFIX + "known.current", known, keys -> keys.isCurrent() ? 1 : 0)
                .description("1 when the set of stored keys is loaded and kept current by notifications")
                .register(meters);
    }

    void watch(LastUsedRecorder recorder) {
        Gauge.builder(PREFIX + "last_used.pending", recorder, LastUsedRecorder::pendingCount)
                .description("Key uses recorded but not yet written")
                .register(meters);
        Gauge.builder(PREFIX + "last_used.flush.lag", recorder, LastUsedRecorder::secondsSinceFlush)
                .description("Seconds since last_used was last written")
                .baseUnit("seconds")
                .register(meters);
    }
}
