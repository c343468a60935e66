package dev.apigw.gateway.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.keycore.limits.LimitKeys;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The circuit around the shared store, with a scripted primary and a fake ticker. */
class FailoverLimiterTest {

    private static final List<Policy> POLICIES = List.of(new Policy.Rate("rate", 100, Duration.ofSeconds(1), 100));
    private static final String CALLER = LimitKeys.keyCaller(UUID.randomUUID());
    private static final Decision SHARED = new Decision(
            Decision.Verdict.ADMITTED,
            List.of(new PolicyState(POLICIES.get(0), 99, Duration.ZERO, Duration.ZERO)),
            false);

    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean storeDown;
    private final Limiter store = (caller, policies) -> {
        calls.incrementAndGet();
        return storeDown ? Mono.error(new IllegalStateException("connection refused")) : Mono.just(SHARED);
    };
    private final LocalLimiter local = new LocalLimiter(java.time.Clock.systemUTC(), 100, Duration.ofMinutes(1));

    private FailoverLimiter limiter(boolean failOpen) {
        return new FailoverLimiter(store, local, failOpen, Duration.ofMillis(200), Duration.ofSeconds(1), ticker);
    }

    private Decision decide(FailoverLimiter limiter) {
        return limiter.decide(CALLER, POLICIES).block(Duration.ofSeconds(5));
    }

    @Test
    void aFailureSendsDecisionsToTheLocalLimiterWithoutAskingTheStoreAgainUntilTheRetryInterval() {
        FailoverLimiter limiter = limiter(true);
        storeDown = true;

        assertThat(decide(limiter).local()).isTrue();
        for (int i = 0; i < 50; i++) {
            assertThat(decide(limiter).local()).isTrue();
        }

        assertThat(calls).as("the store is not asked while the circuit is open").hasValue(1);
        assertThat(limiter.isDegraded()).isTrue();
        assertThat(limiter.failures()).isEqualTo(1);
        assertThat(limiter.degradedDecisions()).isEqualTo(51);
    }

    @Test
    void oneProbeAfterTheRetryIntervalBringsTheSharedStoreBack() {
        FailoverLimiter limiter = limiter(true);
        storeDown = true;
        decide(limiter);
        ticker.advance(Duration.ofMillis(1001));
        assertThat(decide(limiter).local()).as("the probe failed: still local").isTrue();
        assertThat(calls).hasValue(2);

        storeDown = false;
        ticker.advance(Duration.ofMillis(999));
        assertThat(decide(limiter).local()).as("not yet time to probe").isTrue();
        ticker.advance(Duration.ofMillis(2));
        assertThat(decide(limiter)).isEqualTo(SHARED);
        assertThat(limiter.isDegraded()).isFalse();
        assertThat(decide(limiter)).isEqualTo(SHARED);
    }

    @Test
    void aSlowStoreIsTreatedAsDown() {
        Limiter slow = (caller, policies) -> Mono.never();
        FailoverLimiter limiter =
                new FailoverLimiter(slow, local, true, Duration.ofMillis(50), Duration.ofSeconds(1), ticker);

        Decision decision = limiter.decide(CALLER, POLICIES).block(Duration.ofSeconds(5));

        assertThat(decision.local()).isTrue();
        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.ADMITTED);
        assertThat(limiter.isDegraded()).isTrue();
    }

    @Test
    void failClosedAnswersUnavailable() {
        FailoverLimiter limiter = limiter(false);
        storeDown = true;
        assertThat(decide(limiter).verdict()).isEqualTo(Decision.Verdict.UNAVAILABLE);
        assertThat(decide(limiter).verdict()).isEqualTo(Decision.Verdict.UNAVAILABLE);
    }

    @Test
    void theLocalFallbackStillHoldsACallerToItsLimit() {
        FailoverLimiter limiter = limiter(true);
        storeDown = true;
        long admitted = 0;
        for (int i = 0; i < 300; i++) {
            if (decide(limiter).verdict() == Decision.Verdict.ADMITTED) {
                admitted++;
            }
        }
        assertThat(admitted).isBetween(100L, 110L);
    }
}
