package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.limiter.Decision;
import dev.apigw.gateway.limiter.FailoverLimiter;
import dev.apigw.gateway.limiter.Policy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The limiter's meters: {@code gateway.ratelimit.decisions} by outcome and by where it was decided
 * ({@code store}: {@code shared} or {@code local}); with Redis, {@code gateway.ratelimit.store.failures}
 * (calls that failed or timed out), {@code gateway.ratelimit.store.degraded} (decisions made without it)
 * and the gauge {@code gateway.ratelimit.store.down} (1 while it is bypassed).
 */
final class RateLimitMetrics {

    private static final String PREFIX = "gateway.ratelimit.";

    private final Counter[] counters = new Counter[8];

    RateLimitMetrics(MeterRegistry meters, @Nullable FailoverLimiter failover) {
        String[] outcomes = {"admitted", "rate-limited", "quota-exceeded", "unavailable"};
        for (int i = 0; i < outcomes.length; i++) {
            for (int local = 0; local < 2; local++) {
                counters[i * 2 + local] = Counter.builder(PREFIX + "decisions")
                        .description("Rate-limit decisions")
                        .tag("outcome", outcomes[i])
                        .tag("store", local == 1 ? "local" : "shared")
                        .register(meters);
            }
        }
        if (failover != null) {
            FunctionCounter.builder(PREFIX + "store.failures", failover, FailoverLimiter::failures)
                    .description("Calls to Redis that failed or timed out")
                    .register(meters);
            FunctionCounter.builder(PREFIX + "store.degraded", failover, FailoverLimiter::degradedDecisions)
                    .description("Decisions made without Redis (in memory, or refused as unavailable)")
                    .register(meters);
            Gauge.builder(PREFIX + "store.down", failover, limiter -> limiter.isDegraded() ? 1 : 0)
                    .description("1 while Redis is bypassed after a failure")
                    .register(meters);
        }
    }

    void decided(Decision decision) {
        int outcome = switch (decision.verdict()) {
            case ADMITTED -> 0;
            case REFUSED -> decision.violated().stream().anyMatch(Policy.Quota.class::isInstance) ? 2 : 1;
            case UNAVAILABLE -> 3;
        };
        counters[outcome * 2 + (decision.local() ? 1 : 0)].increment();
    }
}
