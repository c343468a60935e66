package dev.apigw.gateway.limiter;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A shared limiter ({@code primary}, Redis) with a bounded wait, and what to do when it fails or is
 * slow: answer from this instance's {@code fallback} (fail-open: a caller is still held to its limit
 * per instance) or answer {@link Decision.Verdict#UNAVAILABLE} (fail-closed).
 *
 * <p>One failure opens the circuit for {@code retryInterval}: in that time no request waits for the
 * primary. After it, one request at a time probes the primary while the others keep to the fallback;
 * the first probe that succeeds closes the circuit. So while Redis is down the timeout is paid about
 * once per {@code retryInterval}, and the gateway is back on Redis within {@code retryInterval} plus one
 * round trip of its return.
 *
 * <p>Thread-safe, lock-free; never signals an error.
 */
public final class FailoverLimiter implements Limiter {

    private static final Logger log = LoggerFactory.getLogger(FailoverLimiter.class);

    private final Limiter primary;
    private final Limiter fallback;
    private final boolean failOpen;
    private final Duration timeout;
    private final long retryNanos;
    private final Ticker ticker;
    /** 0 while the primary is in use; else the ticker reading before which it is not tried. */
    private final AtomicLong openUntil = new AtomicLong();

    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong degraded = new AtomicLong();

    /**
     * @param timeout       the longest one decision waits for the primary, positive
     * @param retryInterval how long after a failure the primary is left alone, positive
     */
    public FailoverLimiter(
            Limiter primary,
            Limiter fallback,
            boolean failOpen,
            Duration timeout,
            Duration retryInterval,
            Ticker ticker) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.failOpen = failOpen;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        if (timeout.compareTo(Duration.ZERO) <= 0 || retryInterval.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException("timeout and retryInterval must be positive");
        }
        this.retryNanos = retryInterval.toNanos();
    }

    @Override
    public Mono<Decision> decide(String caller, List<Policy> policies) {
        long until = openUntil.get();
        if (until != 0) {
            if (ticker.read() - until < 0 || !probing.compareAndSet(false, true)) {
                return degrade(caller, policies);
            }
            return ask(caller, policies, true);
        }
        return ask(caller, policies, false);
    }

    private Mono<Decision> ask(String caller, List<Policy> policies, boolean probe) {
        return Mono.defer(() -> primary.decide(caller, policies))
                .timeout(timeout)
                .map(decision -> {
                    if (probe) {
                        openUntil.set(0);
                        probing.set(false);
                        log.info("Rate-limit store answers again: back to shared counters");
                    }
                    return decision;
                })
                .onErrorResume(error -> {
                    failures.incrementAndGet();
                    if (openUntil.getAndSet(ticker.read() + retryNanos) == 0) {
                        log.warn(
                                "Rate-limit store failed ({}); {} for now",
                                describe(error),
                                failOpen ? "limiting per instance" : "refusing limited requests");
                    }
                    if (probe) {
                        probing.set(false);
                    }
                    return degrade(caller, policies);
                });
    }

    private Mono<Decision> degrade(String caller, List<Policy> policies) {
        degraded.incrementAndGet();
        return failOpen ? fallback.decide(caller, policies) : Mono.just(Decision.unavailable());
    }

    /** Whether decisions currently bypass the primary. */
    public boolean isDegraded() {
        return openUntil.get() != 0;
    }

    /** Failed or timed-out calls to the primary so far. */
    public long failures() {
        return failures.get();
    }

    /** Decisions made without the primary so far (by the fallback, or refused as unavailable). */
    public long degradedDecisions() {
        return degraded.get();
    }

    private static String describe(Throwable error) {
        return error instanceof TimeoutException
                ? "no answer in time"
                : error.getClass().getSimpleName();
    }
}
