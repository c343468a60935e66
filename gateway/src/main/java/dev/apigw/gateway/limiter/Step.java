package dev.apigw.gateway.limiter;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One policy's part of a decision in {@link LocalLimiter}, mirroring the Lua script: what it would
 * keep if the request is refused, and what it would store if admitted. Times in microseconds.
 */
record Step(
        Policy policy,
        boolean admits,
        long[] next,
        long @Nullable [] normalized,
        PolicyState kept,
        @Nullable PolicyState taken) {

    static Step rate(Policy.Rate rate, long @Nullable [] stored, long now) {
        double interval = rate.window().toNanos() / 1000.0 / rate.limit();
        double tolerance = rate.burst() * interval;
        long tat = stored == null ? now : Math.max(stored[0], now);
        // Counted under another policy (the limit was just changed): from now on an empty bucket of the
        // new one, kept even if this request is refused, so it drains from here.
        long[] normalized = null;
        if (tat > now + (long) tolerance) {
            tat = now + (long) tolerance;
            normalized = new long[] {tat};
        }
        long nextTat = Math.round(tat + interval);
        boolean admits = nextTat - now <= tolerance;
        PolicyState kept = new PolicyState(
                rate,
                remaining(tolerance - (tat - now), interval),
                micros(tat - now),
                micros(admits ? 0 : nextTat - now - tolerance));
        PolicyState taken = admits
                ? new PolicyState(
                        rate, remaining(tolerance - (nextTat - now), interval), micros(nextTat - now), Duration.ZERO)
                : null;
        return new Step(rate, admits, new long[] {nextTat}, normalized, kept, taken);
    }

    static Step quota(Policy.Quota quota, long @Nullable [] stored, long now, Instant at) {
        long window = quota.period().windowId(at);
        Instant end = quota.period().windowEnd(at);
        long untilEnd = end.getEpochSecond() * 1_000_000L - now;
        long used = stored != null && stored[0] == window ? stored[1] : 0;
        boolean admits = used < quota.limit();
        PolicyState kept = new PolicyState(
                quota, Math.max(quota.limit() - used, 0), micros(untilEnd), admits ? Duration.ZERO : micros(untilEnd));
        PolicyState taken =
                admits ? new PolicyState(quota, quota.limit() - used - 1, micros(untilEnd), Duration.ZERO) : null;
        return new Step(quota, admits, new long[] {window, used + 1}, null, kept, taken);
    }

    PolicyState state(boolean admitted) {
        return admitted && taken != null ? taken : kept;
    }

    private static long remaining(double room, double interval) {
        return Math.max(0, (long) Math.floor(room / interval + 1e-9));
    }

    /** Rounded up to whole milliseconds, as the script returns them. */
    private static Duration micros(double micros) {
        return Duration.ofMillis((long) Math.ceil(Math.max(0, micros) / 1000));
    }
}
