package dev.apigw.gateway.limiter;

import dev.apigw.keycore.limits.QuotaPeriod;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One limit a caller is held to. Its {@link #name()} names it in the {@code RateLimit-Policy} and
 * {@code RateLimit} header fields and in the counter's key, so two policies of one decision have
 * different names. Immutable; every argument is checked at construction.
 */
public sealed interface Policy {

    /** The policy's name: 1 to 32 of {@code [a-z0-9-]}. */
    String name();

    /** Requests per window. */
    long limit();

    /**
     * At most {@code limit} requests per {@code window} on average, up to {@code burst} at once after a
     * quiet period (a generic cell rate algorithm: a token bucket of {@code burst} tokens refilled at
     * {@code limit / window}).
     */
    record Rate(String name, long limit, Duration window, long burst) implements Policy {
        public Rate {
            checkName(name);
            Objects.requireNonNull(window, "window");
            if (limit < 1 || limit > 1_000_000_000L) {
                throw new IllegalArgumentException("limit must be between 1 and 1e9: " + limit);
            }
            if (window.toMillis() < 1 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("window must be between 1 ms and 1 day: " + window);
            }
            if (burst < 1 || burst > 1_000_000_000L) {
                throw new IllegalArgumentException("burst must be between 1 and 1e9: " + burst);
            }
        }
    }

    /** At most {@code limit} requests per UTC calendar window ({@code period}), restarting at its end. */
    record Quota(String name, long limit, QuotaPeriod period) implements Policy {
        public Quota {
            checkName(name);
            Objects.requireNonNull(period, "period");
            if (limit < 1 || limit > 1_000_000_000_000L) {
                throw new IllegalArgumentException("limit must be between 1 and 1e12: " + limit);
            }
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!Names.POLICY.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 32 of [a-z0-9-]: " + name);
        }
    }

    /** Holder: interfaces cannot have private static fields. */
    final class Names {
        static final Pattern POLICY = Pattern.compile("[a-z0-9-]{1,32}");

        private Names() {}
    }
}
