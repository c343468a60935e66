package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.gateway.support.FakeTicker;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Permits a second with a one-second burst, on a fake ticker: no sleeps. */
class RateBudgetTest {

    private final FakeTicker ticker = new FakeTicker();

    private long granted(RateBudget budget, int tries) {
        return IntStream.range(0, tries).filter(i -> budget.tryAcquire()).count();
    }

    @Test
    void aBurstOfOneSecondsWorthThenNothingUntilEarned() {
        RateBudget budget = RateBudget.perSecond(50, ticker);

        assertThat(granted(budget, 100)).isEqualTo(50);
        ticker.advance(Duration.ofMillis(100));
        assertThat(granted(budget, 100)).isEqualTo(5);
    }

    @Test
    void anIdleBudgetSavesNoMoreThanOneSecondsWorth() {
        RateBudget budget = RateBudget.perSecond(10, ticker);

        ticker.advance(Duration.ofMinutes(5));

        assertThat(granted(budget, 100)).isEqualTo(10);
    }

    @Test
    void noneNeverGivesAPermit() {
        assertThat(granted(RateBudget.none(), 1000)).isZero();
    }

    @Test
    void aRateBelowOneIsRefusedRatherThanReadAsNever() {
        assertThatThrownBy(() -> RateBudget.perSecond(0, ticker)).hasMessageContaining("perSecond");
        assertThatThrownBy(() -> RateBudget.perSecond(-5, ticker)).hasMessageContaining("perSecond");
    }
}
