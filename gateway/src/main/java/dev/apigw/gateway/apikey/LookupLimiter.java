package dev.apigw.gateway.apikey;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bounds database lookups without blocking: at most {@code permits} run at once, at most
 * {@code maxQueued} wait for a permit (in arrival order), and any more are refused at once. Thread-safe.
 */
final class LookupLimiter {

    private final int permits;
    private final int maxQueued;
    private final AtomicInteger state = new AtomicInteger(); // permits in use
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    /** A queued request; whoever flips {@code settled} first — hand-over or cancellation — owns it. */
    private record Waiter(MonoSink<Permit> sink, java.util.concurrent.atomic.AtomicBoolean settled) {
    }

    /** Released exactly once, whatever calls {@link #release()} how often. */
    final class Permit {
        private final AtomicInteger released = new AtomicInteger();

        void release() {
            if (released.compareAndSet(0, 1)) {
                handOver();
            }
        }
    }

    LookupLimiter(int permits, int maxQueued) {
        if (permits < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("permits must be positive and maxQueued not negative");
        }
        this.permits = permits;
        this.maxQueued = maxQueued;
    }

    /**
     * A permit now, or when one is released; an error at once when the queue is full. Cancelling
     * while queued gives up the place.
     */
    Mono<Permit> acquire() {
        Mono<Permit> permit = Mono.create(sink -> {
            if (tryTake()) {
                sink.success(new Permit());
                return;
            }
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                sink.error(new KeyStoreUnavailableException("too many key lookups waiting"));
                return;
            }
            Waiter waiter = new Waiter(sink, new java.util.concurrent.atomic.AtomicBoolean());
            sink.onCancel(() -> {
                if (waiter.settled().compareAndSet(false, true)) {
                    waiters.remove(waiter);
                    queued.decrementAndGet();
                }
            });
            waiters.add(waiter);
            // A permit may have been released between tryTake and add.
            if (tryTake()) {
                handOverTaken();
            }
        });
        // A permit emitted to a subscriber that has just gone is given back, not lost.
        return permit.doOnDiscard(Permit.class, Permit::release);
    }

    private boolean tryTake() {
        int used;
        do {
            used = state.get();
            if (used >= permits) {
                return false;
            }
        } while (!state.compareAndSet(used, used + 1));
        return true;
    }

    /** A permit was released: give it to the next waiter, or return it. */
    private void handOver() {
        state.decrementAndGet();
        if (!waiters.isEmpty() && tryTake()) {
            handOverTaken();
        }
    }

    /** We hold a taken permit: give it to the first live waiter, or give it back. */
    private void handOverTaken() {
        Waiter next;
        while ((next = waiters.poll()) != null) {
            if (next.settled().compareAndSet(false, true)) {
                queued.decrementAndGet();
                next.sink().success(new Permit());
                return;
            }
        }
        state.decrementAndGet();
        if (!waiters.isEmpty() && tryTake()) {
            handOverTaken();
        }
    }

    int inUse() {
        return state.get();
    }

    int waiting() {
        return queued.get();
    }
}
