package dev.apigw.gateway.limiter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The algorithm of {@code scripts/limit_decision.lua} in this instance's memory, on an injected
 * {@link Clock}: the limiter of a single gateway, and every gateway's fallback while Redis cannot be
 * reached. Each caller's counters are a small object locked for the few arithmetic steps of one
 * decision; at most {@code maxCallers} callers are held (the least recently seen are forgotten, which
 * errs on the side of admitting).
 *
 * <p>Thread-safe; {@link #decide} answers at once ({@code Mono.just}) and never signals an error for
 * valid arguments.
 */
public final class LocalLimiter implements Limiter {

    private final Clock clock;
    private final Cache<String, Counters> callers;

    /**
     * @param clock      the time the counters run on
     * @param maxCallers most callers remembered, at least 1
     * @param idle       how long an unused caller is remembered (long enough for its quota window)
     */
    public LocalLimiter(Clock clock, long maxCallers, Duration idle) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxCallers < 1) {
            throw new IllegalArgumentException("maxCallers must be positive: " + maxCallers);
        }
        if (idle.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException("idle must be positive: " + idle);
        }
        this.callers = Caffeine.newBuilder()
                .maximumSize(maxCallers)
                .expireAfterAccess(idle)
                .ticker(Ticker.systemTicker())
                .build();
    }

    @Override
    public Mono<Decision> decide(String caller, List<Policy> policies) {
        return Mono.just(decideNow(caller, policies));
    }

    /** As {@link #decide}, without the {@code Mono}. */
    public Decision decideNow(String caller, List<Policy> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies must not be empty");
        }
        Counters counters = callers.get(caller, key -> new Counters());
        Instant at = clock.instant();
        long now = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        synchronized (counters) {
            List<Step> steps = new ArrayList<>(policies.size());
            boolean admitted = true;
            for (Policy policy : policies) {
                Step step = counters.step(policy, now, at);
                admitted &= step.admits();
                steps.add(step);
            }
            List<PolicyState> states = new ArrayList<>(steps.size());
            for (Step step : steps) {
                counters.commit(step, admitted);
                states.add(step.state(admitted));
            }
            return new Decision(admitted ? Decision.Verdict.ADMITTED : Decision.Verdict.REFUSED, states, true);
        }
    }

    /** One caller's counters, by policy name: a rate's theoretical arrival time, a quota's window and count. */
    private static final class Counters {
        private final Map<String, long[]> byPolicy = new HashMap<>();

        Step step(Policy policy, long now, Instant at) {
            long[] stored = byPolicy.get(policy.name());
            if (policy instanceof Policy.Rate rate) {
                return Step.rate(rate, stored, now);
            }
            return Step.quota((Policy.Quota) policy, stored, now, at);
        }

        void commit(Step step, boolean admitted) {
            long[] kept = admitted ? step.next() : step.normalized();
            if (kept != null) {
                byPolicy.put(step.policy().name(), kept);
            }
        }
    }
}
