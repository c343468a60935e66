package dev.apigw.gateway.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} permits a second, with a burst of one second's worth, on a {@link Ticker}
 * (so tests control time). A generic cell rate algorithm: one compare-and-set per permit.
 *
 * <p>Thread-safe and non-blocking: no thread, no lock; {@link #tryAcquire} never waits. A budget of no
 * permits at all is {@link #none()}, said explicitly rather than by a rate of zero.
 */
public final class RateBudget {

    private static final long SECOND = 1_000_000_000L;
    private static final RateBudget NONE = new RateBudget();

    private final Ticker ticker;
    /** Time one permit takes to earn; 0 for {@link #none()}. */
    private final long interval;
    /** How far ahead of now the permits already given may reach: one second's worth in a burst. */
    private final long tolerance;
    /** When the permits given so far will all have been earned (GCRA's "theoretical arrival time"). */
    private final AtomicLong earnedAt;

    private RateBudget() {
        this.ticker = Ticker.disabledTicker();
        this.interval = 0;
        this.tolerance = 0;
        this.earnedAt = new AtomicLong();
    }

    private RateBudget(int perSecond, Ticker ticker) {
        this.ticker = ticker;
        this.interval = SECOND / perSecond;
        this.tolerance = SECOND - interval;
        this.earnedAt = new AtomicLong(ticker.read());
    }

    /** {@code perSecond} permits a second, 1 to 1,000,000,000, on {@code ticker}. */
    public static RateBudget perSecond(int perSecond, Ticker ticker) {
        if (perSecond < 1 || perSecond > SECOND) {
            throw new IllegalArgumentException("perSecond must be between 1 and 1e9: " + perSecond);
        }
        return new RateBudget(perSecond, Objects.requireNonNull(ticker, "ticker"));
    }

    /** A budget that never gives a permit. */
    public static RateBudget none() {
        return NONE;
    }

    /** Whether a permit is free now; if so it is taken. */
    public boolean tryAcquire() {
        if (interval == 0) {
            return false;
        }
        long now = ticker.read();
        while (true) {
            long earned = earnedAt.get();
            long from = earned - now > 0 ? earned : now;
            if (from - now > tolerance) {
                return false;
            }
            if (earnedAt.compareAndSet(earned, from + interval)) {
                return true;
            }
        }
    }
}
