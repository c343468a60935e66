package dev.apigw.keycore.limits;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The limits a caller is held to: a rate with a burst, a calendar quota, either, both or neither. The
 * same shape is set on a key by an admin, on a route by its metadata and as the gateway's default;
 * each part left null is taken from the next less specific level. Immutable; arguments checked.
 *
 * @param rate  requests per window with a burst, or null
 * @param quota requests per UTC day or month, or null
 */
public record Limits(@Nullable Rate rate, @Nullable Quota quota) {

    /** No limit of its own at this level. */
    public static final Limits NONE = new Limits(null, null);

    /** Whether neither part is set. */
    public boolean isEmpty() {
        return rate == null && quota == null;
    }

    /** This level's parts, each missing one taken from {@code lessSpecific}. */
    public Limits over(Limits lessSpecific) {
        return new Limits(rate != null ? rate : lessSpecific.rate(), quota != null ? quota : lessSpecific.quota());
    }

    /**
     * At most {@code limit} requests per {@code window} on average, {@code burst} at once.
     *
     * @param limit  1 to 1e9
     * @param window whole seconds, 1 s to 1 day (the header fields carry whole seconds)
     * @param burst  1 to 1e9
     */
    public record Rate(long limit, Duration window, long burst) {
        public Rate {
            Objects.requireNonNull(window, "window");
            if (limit < 1 || limit > 1_000_000_000L) {
                throw new IllegalArgumentException("rate limit must be between 1 and 1000000000: " + limit);
            }
            if (window.getNano() != 0 || window.getSeconds() < 1 || window.getSeconds() > 86_400) {
                throw new IllegalArgumentException("rate window must be whole seconds from 1 s to 1 day: " + window);
            }
            if (burst < 1 || burst > 1_000_000_000L) {
                throw new IllegalArgumentException("rate burst must be between 1 and 1000000000: " + burst);
            }
        }
    }

    /**
     * At most {@code limit} requests per UTC calendar {@code period}.
     *
     * @param limit 1 to 1e12
     */
    public record Quota(long limit, QuotaPeriod period) {
        public Quota {
            Objects.requireNonNull(period, "period");
            if (limit < 1 || limit > 1_000_000_000_000L) {
                throw new IllegalArgumentException("quota must be between 1 and 1000000000000: " + limit);
            }
        }
    }
}
