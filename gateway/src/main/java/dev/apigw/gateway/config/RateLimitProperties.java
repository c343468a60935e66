package dev.apigw.gateway.config;

import dev.apigw.keycore.limits.Limits;
import dev.apigw.keycore.limits.QuotaPeriod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits and quotas, under {@code gateway.rate-limit}. A caller (an API key, or a user by token)
 * is held to its key's own limits, else its route's ({@code rate-limit} metadata), else these defaults;
 * each part (rate, quota) separately.
 *
 * @param store          {@code local}: counters in this instance's memory (one gateway); {@code redis}:
 *                       shared by every gateway through Redis ({@code spring.data.redis.*})
 * @param keyPrefix      prepended to every Redis key (so that deployments or test runs sharing a Redis
 *                       never see each other's counters)
 * @param defaultRate    requests per {@code default-window} for callers with no other limit; 0 for none
 * @param defaultWindow  the default rate's window, whole seconds
 * @param defaultBurst   requests the default rate admits at once; 0 means the same as the rate
 * @param defaultQuota   requests per {@code default-quota-period} for callers with no other quota; 0 for none
 * @param defaultQuotaPeriod {@code daily} or {@code monthly}, UTC
 * @param headersOnSuccess whether admitted responses carry {@code RateLimit-Policy} and {@code RateLimit}
 *                       too (refusals always do)
 * @param failOpen       while Redis cannot be reached: {@code true} limits per instance in memory,
 *                       {@code false} refuses limited requests with 503
 * @param redisTimeout   the longest one decision waits for Redis before it counts as down
 * @param retryInterval  after Redis failed, how long no request waits for it before one probes it again
 * @param localMaxCallers callers whose counters the in-memory limiter holds at most
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(
        @NotNull @Pattern(regexp = "local|redis") @DefaultValue("local")
        String store,

        @NotNull @Pattern(regexp = "[A-Za-z0-9:._-]{0,64}") @DefaultValue("apigw:")
        String keyPrefix,

        @Min(0) @Max(1_000_000_000L) @DefaultValue("0") long defaultRate,
        @NotNull @DefaultValue("1s") Duration defaultWindow,
        @Min(0) @Max(1_000_000_000L) @DefaultValue("0") long defaultBurst,
        @Min(0) @Max(1_000_000_000_000L) @DefaultValue("0") long defaultQuota,
        @NotNull @DefaultValue("daily") QuotaPeriod defaultQuotaPeriod,
        @DefaultValue("true") boolean headersOnSuccess,
        @DefaultValue("true") boolean failOpen,
        @NotNull @DefaultValue("200ms") Duration redisTimeout,
        @NotNull @DefaultValue("1s") Duration retryInterval,
        @Min(1) @DefaultValue("100000") long localMaxCallers) {

    public RateLimitProperties {
        if (redisTimeout.compareTo(Duration.ZERO) <= 0 || redisTimeout.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("gateway.rate-limit.redis-timeout must be between 1 ms and 5 s");
        }
        if (retryInterval.compareTo(Duration.ofMillis(100)) < 0 || retryInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("gateway.rate-limit.retry-interval must be between 100 ms and 1 min");
        }
        defaults(defaultRate, defaultWindow, defaultBurst, defaultQuota, defaultQuotaPeriod); // fails at start
    }

    /** Whether counters are shared through Redis. */
    public boolean redis() {
        return "redis".equals(store);
    }

    /** The gateway's default limits. */
    public Limits defaults() {
        return defaults(defaultRate, defaultWindow, defaultBurst, defaultQuota, defaultQuotaPeriod);
    }

    private static Limits defaults(long rate, Duration window, long burst, long quota, QuotaPeriod period) {
        return new Limits(
                rate == 0 ? null : new Limits.Rate(rate, window, burst == 0 ? rate : burst),
                quota == 0 ? null : new Limits.Quota(quota, period));
    }
}
