package dev.apigw.gateway.limiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.keycore.limits.LimitKeys;
import dev.apigw.keycore.limits.QuotaPeriod;
import dev.apigw.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory limiter, the same algorithm as the Lua script, on a clock the test moves: no sleeps. */
class LocalLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-31T23:59:00Z"));
    private final LocalLimiter limiter = new LocalLimiter(clock, 1000, Duration.ofDays(32));
    private final String caller = LimitKeys.keyCaller(UUID.randomUUID());
    private final Policy.Rate tenPerSecondBurstTwenty = new Policy.Rate("rate", 10, Duration.ofSeconds(1), 20);

    private long admitted(List<Policy> policies, int tries) {
        return IntStream.range(0, tries)
                .filter(i -> limiter.decideNow(caller, policies).verdict() == Decision.Verdict.ADMITTED)
                .count();
    }

    @Test
    void aRateAdmitsItsBurstThenOnlyWhatItEarns() {
        List<Policy> policies = List.of(tenPerSecondBurstTwenty);
        assertThat(admitted(policies, 50)).isEqualTo(20);
        clock.advance(Duration.ofMillis(500));
        assertThat(admitted(policies, 50)).isEqualTo(5);
        clock.advance(Duration.ofMinutes(10));
        assertThat(admitted(policies, 50))
                .as("an idle bucket saves no more than its burst")
                .isEqualTo(20);
    }

    @Test
    void aRefusalSaysWhenToRetryAndWhatRemains() {
        List<Policy> policies = List.of(tenPerSecondBurstTwenty);
        Decision first = limiter.decideNow(caller, policies);
        assertThat(first.states().get(0).remaining()).isEqualTo(19);
        assertThat(first.states().get(0).reset()).isEqualTo(Duration.ofMillis(100));
        admitted(policies, 19);

        Decision refused = limiter.decideNow(caller, policies);

        assertThat(refused.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(refused.states().get(0).remaining()).isZero();
        assertThat(refused.violated()).containsExactly(tenPerSecondBurstTwenty);
    }

    @Test
    void aQuotaRunsOutAndComesBackWithTheNextUtcWindow() {
        Policy.Quota daily = new Policy.Quota("daily", 3, QuotaPeriod.DAILY);
        List<Policy> policies = List.of(daily);
        assertThat(admitted(policies, 10)).isEqualTo(3);

        Decision refused = limiter.decideNow(caller, policies);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(refused.violated()).containsExactly(daily);

        clock.advance(Duration.ofMinutes(1));
        assertThat(admitted(policies, 10)).isEqualTo(3);
    }

    @Test
    void aRequestRefusedByOnePolicyIsCountedByNone() {
        Policy.Quota daily = new Policy.Quota("daily", 5, QuotaPeriod.DAILY);
        List<Policy> policies = List.of(new Policy.Rate("rate", 1, Duration.ofSeconds(1), 2), daily);

        assertThat(admitted(policies, 10))
                .as("the rate refuses after its burst")
                .isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        Decision next = limiter.decideNow(caller, policies);

        assertThat(next.verdict()).isEqualTo(Decision.Verdict.ADMITTED);
        assertThat(next.states().get(1).remaining())
                .as("the eight refused requests did not use the quota")
                .isEqualTo(2);
    }

    @Test
    void callersAreCountedApart() {
        List<Policy> policies = List.of(new Policy.Rate("rate", 1, Duration.ofSeconds(1), 1));
        assertThat(admitted(policies, 3)).isEqualTo(1);
        assertThat(limiter.decideNow(LimitKeys.keyCaller(UUID.randomUUID()), policies)
                        .verdict())
                .isEqualTo(Decision.Verdict.ADMITTED);
    }

    @Test
    void loweringALimitHoldsACallerWhoUsedMore() {
        admitted(List.of(tenPerSecondBurstTwenty), 20);
        List<Policy> lowered = List.of(new Policy.Rate("rate", 1, Duration.ofSeconds(1), 1));
        assertThat(limiter.decideNow(caller, lowered).verdict()).isEqualTo(Decision.Verdict.REFUSED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.decideNow(caller, lowered).verdict()).isEqualTo(Decision.Verdict.ADMITTED);
    }

    @Test
    void raisingALimitFreesACallerAtOnce() {
        List<Policy> strict = List.of(new Policy.Rate("rate", 2, Duration.ofSeconds(60), 2));
        admitted(strict, 3);
        assertThat(limiter.decideNow(caller, strict).verdict()).isEqualTo(Decision.Verdict.REFUSED);
        List<Policy> raised = List.of(new Policy.Rate("rate", 100, Duration.ofSeconds(1), 100));

        Decision next = limiter.decideNow(caller, raised);

        assertThat(next.verdict())
                .as("refused by the old policy only for 10 ms")
                .isEqualTo(Decision.Verdict.REFUSED);
        assertThat(next.retryAfter()).isEqualTo(Duration.ofMillis(10));
        clock.advance(Duration.ofMillis(10));
        assertThat(limiter.decideNow(caller, raised).verdict()).isEqualTo(Decision.Verdict.ADMITTED);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> new Policy.Rate("rate", 0, Duration.ofSeconds(1), 1))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> new Policy.Rate("Rate!", 1, Duration.ofSeconds(1), 1))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new Policy.Quota("daily", 0, QuotaPeriod.DAILY))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> limiter.decideNow(caller, List.of())).hasMessageContaining("policies");
        assertThatThrownBy(() -> new LocalLimiter(clock, 0, Duration.ofDays(1))).hasMessageContaining("maxCallers");
    }
}
