package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} permits a second, with a burst of one second's worth, on a ticker (so tests
 * control time). A generic cell rate algorithm: one compare-and-set per permit, no thread, no lock.
 */
final class RateBudget {

    private static final long SECOND = 1_000_000_000L;

    private final Ticker ticker;
    /** Time one permit takes to earn. */
    private final long interval;
    /** How far ahead of now the permits already given may reach: one second's worth in a burst. */
    private final long tolerance;
    /** When the permits given so far will all have been earned (GCRA's "theoretical arrival time"). */
    private final AtomicLong earnedAt;

    RateBudget(int perSecond, Ticker ticker) {
        this.ticker = ticker;
        this.interval = perSecond > 0 ? SECOND / perSecond : 0;
        this.tolerance = SECOND - interval;
        this.earnedAt = new AtomicLong(ticker.read());
    }

    boolean tryAcquire() {
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
