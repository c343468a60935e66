package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.limiter.FailoverLimiter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code rateLimit} in {@code /actuator/health}: where counters are kept, and whether the gateway is
 * degraded to per-instance counting (or, failing closed, to refusing limited requests) because Redis
 * does not answer. Degraded is reported as UP with {@code degraded: true}: the gateway still serves, so
 * it must not be taken out of rotation for it.
 */
final class RateLimitHealth implements HealthIndicator {

    private final @Nullable FailoverLimiter failover;
    private final boolean failOpen;

    RateLimitHealth(@Nullable FailoverLimiter failover, boolean failOpen) {
        this.failover = failover;
        this.failOpen = failOpen;
    }

    @Override
    public Health health() {
        if (failover == null) {
            return Health.up().withDetail("store", "local").build();
        }
        boolean degraded = failover.isDegraded();
        Health.Builder health = Health.up()
                .withDetail("store", "redis")
                .withDetail("degraded", degraded)
                .withDetail("storeFailures", failover.failures());
        if (degraded) {
            health.withDetail(
                    "mode",
                    failOpen
                            ? "Redis unreachable: counting per instance"
                            : "Redis unreachable: refusing limited requests");
        }
        return health.build();
    }
}
