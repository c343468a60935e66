package dev.apigw.gateway.apikey;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bounds database lookups without blocking: at most {@code permits} run at once, at most
 * {@code maxQueued} wait for a permit (served in arrival order; a request that finds a permit free takes
 * it at once), and any more are refused at once. Thread-safe.
 *
 * <p>Permits reach waiters through one drain loop at a time: a release or a new waiter while the loop
 * runs — on another thread, or inside a waiter it is serving, whose work may end and release at once —
 * makes it go round again instead of starting a hand-over inside the hand-over. A chain of waiters
 * that each release at once is thus served one after another, never on an ever deeper stack.
 */
final class LookupLimiter {

    private final int permits;
    private final int maxQueued;
    private final AtomicInteger state = new AtomicInteger(); // permits in use
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Requests for the drain loop; whoever raises it from 0 runs the loop until it is back at 0. */
    private final AtomicInteger drainRequests = new AtomicInteger();

    /** A queued request; whoever flips {@code settled} first — hand-over or cancellation — owns it. */
    private record Waiter(MonoSink<Permit> sink, java.util.concurrent.atomic.AtomicBoolean settled) {
    }

    /** Released exactly once, whatever calls {@link #release()} how often. */
    final class Permit {
        private final AtomicInteger released = new AtomicInteger();

        void release() {
            if (released.compareAndSet(0, 1)) {
                state.decrementAndGet();
                drain();
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
            drain(); // a permit may have been released between tryTake and add
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

    /**
     * Gives free permits to waiters while there are both. Only one thread runs the loop; a call while
     * it runs only asks it to go round once more, so nothing that happens meanwhile is missed.
     */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            while (!waiters.isEmpty() && tryTake()) {
                Waiter next = nextLive();
                if (next == null) {
                    state.decrementAndGet(); // every waiter had gone: give the permit back
                    break;
                }
                queued.decrementAndGet();
                next.sink().success(new Permit());
            }
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    /** The first waiter not yet cancelled, now owned by the caller; null when none is left. */
    private @Nullable Waiter nextLive() {
        Waiter next;
        while ((next = waiters.poll()) != null) {
            if (next.settled().compareAndSet(false, true)) {
                return next;
            }
        }
        return null;
    }

    int inUse() {
        return state.get();
    }

    int waiting() {
        return queued.get();
    }
}
