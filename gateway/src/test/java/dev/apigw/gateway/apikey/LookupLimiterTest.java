package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LookupLimiterTest {

    @Test
    void grantsUpToThePermitsThenQueuesThenRefuses() {
        LookupLimiter limiter = new LookupLimiter(1, 1);
        LookupLimiter.Permit held = limiter.acquire().block();
        List<LookupLimiter.Permit> granted = new ArrayList<>();
        limiter.acquire().subscribe(granted::add);

        StepVerifier.create(limiter.acquire()).expectError(KeyStoreUnavailableException.class).verify();
        assertThat(granted).isEmpty();

        held.release();
        assertThat(granted).hasSize(1);
        assertThat(limiter.inUse()).isEqualTo(1);
        granted.get(0).release();
        assertThat(limiter.inUse()).isZero();
    }

    @Test
    void releasingTwiceFreesOnePermit() {
        LookupLimiter limiter = new LookupLimiter(2, 0);
        LookupLimiter.Permit permit = limiter.acquire().block();

        permit.release();
        permit.release();

        assertThat(limiter.inUse()).isZero();
    }

    @Test
    void cancelledWaiterGivesUpItsPlaceAndNoPermitIsLost() {
        LookupLimiter limiter = new LookupLimiter(1, 1);
        LookupLimiter.Permit held = limiter.acquire().block();
        Disposable waiting = limiter.acquire().subscribe();

        waiting.dispose();
        held.release();

        assertThat(limiter.waiting()).isZero();
        assertThat(limiter.inUse()).isZero();
        StepVerifier.create(limiter.acquire()).expectNextCount(1).verifyComplete();
    }

    @Test
    void timeoutWhileQueuedDoesNotLeakPermits() {
        LookupLimiter limiter = new LookupLimiter(1, 10);
        LookupLimiter.Permit held = limiter.acquire().block();

        StepVerifier.create(limiter.acquire().timeout(Duration.ofMillis(10)))
                .expectError(java.util.concurrent.TimeoutException.class).verify();
        held.release();

        assertThat(limiter.inUse()).isZero();
        assertThat(limiter.waiting()).isZero();
    }

    /**
     * Waiters whose work ends at once release their permit inside the hand-over that granted it. That
     * must not nest one hand-over in the next: 50,000 of them in one stack overflowed it, and the permit
     * in flight was lost (the contention test below hung on it now and then).
     */
    @Test
    void waitersThatReleaseAtOnceAreServedOneAfterAnotherNotInsideEachOther() {
        LookupLimiter limiter = new LookupLimiter(1, 100_000);
        LookupLimiter.Permit held = limiter.acquire().block();
        AtomicInteger served = new AtomicInteger();
        for (int i = 0; i < 50_000; i++) {
            limiter.acquire().subscribe(permit -> {
                served.incrementAndGet();
                permit.release();
            });
        }

        held.release();

        assertThat(served).hasValue(50_000);
        assertThat(limiter.inUse()).isZero();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void underContentionEveryAcquisitionIsGrantedAndAllPermitsComeBack() throws Exception {
        LookupLimiter limiter = new LookupLimiter(3, 100_000);
        int tasks = 20_000;
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < tasks; i++) {
            pool.execute(() -> limiter.acquire().subscribe(permit -> {
                int now = concurrent.incrementAndGet();
                maxConcurrent.accumulateAndGet(now, Math::max);
                concurrent.decrementAndGet();
                permit.release();
                done.countDown();
            }));
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(maxConcurrent.get()).isLessThanOrEqualTo(3);
        assertThat(limiter.inUse()).isZero();
        assertThat(limiter.waiting()).isZero();
    }
}
