package dev.apigw.gateway.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.cache.SampledReads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Tokens that verified, keyed by the hex SHA-256 of the token (the token itself is never a key). An
 * entry lives until the token's {@code exp} or {@code maxTtl}, whichever is sooner; reads do not extend
 * it, and most skip Caffeine's read bookkeeping ({@link SampledReads}). Thread-safe.
 */
public class VerifiedTokenCache {

    private final Cache<String, VerifiedToken> cache;
    private final SampledReads<String, VerifiedToken> reads;

    public VerifiedTokenCache(long maxSize, Duration maxTtl, Clock clock, Ticker ticker, MeterRegistry meters) {
        ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(Expiry.<String, VerifiedToken>creating((key, token) -> {
                    Duration untilExpiry = Duration.between(clock.instant(), token.expiresAt());
                    if (untilExpiry.isNegative()) {
                        return Duration.ZERO;
                    }
                    return untilExpiry.compareTo(maxTtl) < 0 ? untilExpiry : maxTtl;
                }))
                .recordStats(() -> stats)
                .build();
        this.reads = SampledReads.of(cache, stats);
        CaffeineCacheMetrics.monitor(meters, cache, "verified-tokens");
    }

    @Nullable
    VerifiedToken get(String tokenHash) {
        VerifiedToken found = reads.getIfPresent(tokenHash);
        return found != null ? found : cache.getIfPresent(tokenHash); // counts the miss
    }

    void put(String tokenHash, VerifiedToken token) {
        cache.put(tokenHash, token);
    }
}
