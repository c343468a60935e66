package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Reads: bounded, and merged into one query when they had to wait. No database, no sleeps. */
class CoalescingReaderTest {

    private static final String VALUE = "stored";

    /** Every query made, each answered by a sink the test completes. */
    private final List<List<String>> queries = new ArrayList<>();

    private final List<Sinks.One<Map<String, String>>> answers = new ArrayList<>();

    private final Function<List<String>, Mono<Map<String, String>>> heldQuery = keys -> {
        Sinks.One<Map<String, String>> answer = Sinks.one();
        synchronized (queries) {
            queries.add(keys);
            answers.add(answer);
        }
        return answer.asMono();
    };

    private CoalescingReader<String, String> reader(int queries, int waiting) {
        return CoalescingReader.builder(heldQuery)
                .maxConcurrentQueries(queries)
                .maxWaitingReads(waiting)
                .build();
    }

    /** Answers query {@code i}: every key it asked for is stored. */
    private void answerAllFound(int i) {
        answers.get(i).tryEmitValue(queries.get(i).stream().collect(Collectors.toMap(k -> k, k -> VALUE)));
    }

    private static CompletableFuture<Map<String, String>> start(
            CoalescingReader<String, String> reader, String... keys) {
        return reader.read(List.of(keys)).toFuture();
    }

    @Test
    void aReadWithAFreeSlotRunsAtOnceAlone() {
        CoalescingReader<String, String> reader = reader(2, 10);

        CompletableFuture<Map<String, String>> read = start(reader, "a");

        assertThat(queries).containsExactly(List.of("a"));
        answerAllFound(0);
        assertThat(read.join()).containsOnlyKeys("a");
    }

    @Test
    void readsThatWaitForASlotAreMergedIntoOneQuery() {
        CoalescingReader<String, String> reader = reader(1, 10);
        CompletableFuture<Map<String, String>> first = start(reader, "a");
        CompletableFuture<Map<String, String>> b = start(reader, "b");
        CompletableFuture<Map<String, String>> c = start(reader, "c");
        CompletableFuture<Map<String, String>> batch = start(reader, "d", "e");

        answerAllFound(0);

        assertThat(queries).containsExactly(List.of("a"), List.of("b", "c", "d", "e"));
        answers.get(1).tryEmitValue(Map.of("c", VALUE, "e", VALUE)); // b and d are not stored
        assertThat(first.join()).containsOnlyKeys("a");
        assertThat(b.join()).isEmpty();
        assertThat(c.join()).containsOnlyKeys("c");
        assertThat(batch.join()).containsOnlyKeys("e");
        assertThat(queries).hasSize(2);
    }

    @Test
    void atMostTheConfiguredQueriesRunAtOnce() {
        CoalescingReader<String, String> reader = reader(2, 10);
        start(reader, "a");
        start(reader, "b");
        CompletableFuture<Map<String, String>> third = start(reader, "c");

        assertThat(queries).hasSize(2);
        assertThat(reader.queriesRunning()).isEqualTo(2);
        assertThat(reader.readsWaiting()).isEqualTo(1);
        answerAllFound(1);

        assertThat(queries).containsExactly(List.of("a"), List.of("b"), List.of("c"));
        answerAllFound(2);
        assertThat(third.join()).containsOnlyKeys("c");
    }

    /**
     * A flood of waiting reads: each ended query lets the next take up to 1,000 keys of what waits. The
     * last queries find every read taken; the slot must come back, not stall the reader.
     */
    @Test
    void aFloodOfWaitingReadsIsServedInMergedQueries() {
        CoalescingReader<String, String> reader = reader(1, 100_000);
        List<CompletableFuture<Map<String, String>>> flood =
                IntStream.range(0, 20_000).mapToObj(i -> start(reader, "k" + i)).toList();

        for (int i = 0; i < queries.size(); i++) { // each answer lets the next query take what waits
            answerAllFound(i);
        }

        assertThat(flood).allSatisfy(read -> assertThat(read).isCompleted());
        assertThat(queries).hasSize(21); // the first read alone, then 20 merged queries of 1,000
        assertThat(reader.queriesRunning()).isZero();
        assertThat(reader.readsWaiting()).isZero();
    }

    /**
     * Queries that answer at once end inside the loop that started them. That must not nest one query's
     * end inside the next: 50,000 of them on one stack would overflow it and lose the slot in flight.
     */
    @Test
    void queriesThatAnswerAtOnceAreServedOneAfterAnotherNotInsideEachOther() {
        Sinks.One<Map<String, String>> held = Sinks.one();
        AtomicInteger made = new AtomicInteger();
        CoalescingReader<String, String> reader = CoalescingReader.<String, String>builder(
                        keys -> made.getAndIncrement() == 0 ? held.asMono() : Mono.just(Map.of(keys.get(0), VALUE)))
                .maxConcurrentQueries(1)
                .maxWaitingReads(100_000)
                .maxKeysPerQuery(1)
                .build();
        start(reader, "first");
        List<CompletableFuture<Map<String, String>>> waiting =
                IntStream.range(0, 50_000).mapToObj(i -> start(reader, "k" + i)).toList();

        held.tryEmitValue(Map.of());

        assertThat(made).hasValue(50_001);
        assertThat(waiting).allSatisfy(read -> assertThat(read).isCompleted());
        assertThat(reader.queriesRunning()).isZero();
        assertThat(reader.readsWaiting()).isZero();
    }

    @Test
    void beyondTheWaitingBoundAReadFailsAtOnceWithoutAQuery() {
        CoalescingReader<String, String> reader = reader(1, 1);
        start(reader, "a");
        CompletableFuture<Map<String, String>> queued = start(reader, "b");

        StepVerifier.create(reader.read(List.of("c")))
                .expectError(ReadRejectedException.class)
                .verify();

        assertThat(reader.rejectedReads()).isEqualTo(1);
        answerAllFound(0);
        assertThat(queries).containsExactly(List.of("a"), List.of("b"));
        assertThat(queued).isNotDone();
    }

    /**
     * While one thread is busy in the drain loop (here: inside the first query's start), reads on other
     * paths only queue, although a slot is free; the free slot must not admit them all.
     */
    @Test
    void aFreeSlotAdmitsNoMoreThanTheWaitingBoundPlusTheSlots() {
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        List<CoalescingReader<String, String>> self = new ArrayList<>();
        CoalescingReader<String, String> reader = CoalescingReader.<String, String>builder(keys -> {
                    if (calls.getAndIncrement() == 0) {
                        for (int i = 0; i < 10; i++) { // arrive while this thread holds the loop
                            self.get(0)
                                    .read(List.of("k" + i))
                                    .subscribe(found -> {}, error -> refused.incrementAndGet());
                        }
                    }
                    return Mono.never();
                })
                .maxConcurrentQueries(2)
                .maxWaitingReads(1)
                .build();
        self.add(reader);

        reader.read(List.of("first")).subscribe();

        assertThat(refused.get())
                .as("of 10 arriving with one slot free and a bound of 1")
                .isEqualTo(7);
    }

    @Test
    void aReadCancelledWhileWaitingIsLeftOutOfTheQueryAndGivesUpItsPlace() {
        CoalescingReader<String, String> reader = reader(1, 10);
        start(reader, "a");
        Disposable cancelled = reader.read(List.of("b")).subscribe();
        CompletableFuture<Map<String, String>> c = start(reader, "c");

        cancelled.dispose();
        assertThat(reader.readsWaiting()).isEqualTo(1);
        answerAllFound(0);

        assertThat(queries).containsExactly(List.of("a"), List.of("c"));
        answerAllFound(1);
        assertThat(c.join()).containsOnlyKeys("c");
        assertThat(reader.queriesRunning()).isZero();
        assertThat(reader.readsWaiting()).isZero();
    }

    @Test
    void aTimeoutWhileWaitingLeavesNoReadOrSlotBehind() {
        CoalescingReader<String, String> reader = reader(1, 10);
        start(reader, "a");

        StepVerifier.create(reader.read(List.of("b")).timeout(Duration.ofMillis(10)))
                .expectError(TimeoutException.class)
                .verify();
        answerAllFound(0);

        assertThat(queries).containsExactly(List.of("a"));
        assertThat(reader.queriesRunning()).isZero();
        assertThat(reader.readsWaiting()).isZero();
    }

    @Test
    void aFailedQueryFailsEveryReadInItWithItsErrorAndFreesTheSlot() {
        CoalescingReader<String, String> reader = reader(1, 10);
        CompletableFuture<Map<String, String>> first = start(reader, "a");
        CompletableFuture<Map<String, String>> second = start(reader, "b");
        IllegalStateException reset = new IllegalStateException("connection reset");
        answers.get(0).tryEmitError(reset);
        answers.get(1).tryEmitError(reset);

        assertThat(first).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().withCause(reset);
        assertThat(second).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().withCause(reset);
        CompletableFuture<Map<String, String>> after = start(reader, "c");
        answerAllFound(2);
        assertThat(after.join()).containsOnlyKeys("c");
    }

    @Test
    void anEmptyQueryAnswerMeansNothingIsStored() {
        CoalescingReader<String, String> reader =
                CoalescingReader.<String, String>builder(keys -> Mono.empty()).build();

        StepVerifier.create(reader.read(List.of("a"))).expectNext(Map.of()).verifyComplete();
        assertThat(reader.queriesRunning()).isZero();
    }

    @Test
    void underContentionEveryReadIsAnsweredEveryKeyReadOnceAndTheBoundHolds() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        CoalescingReader<String, String> reader = CoalescingReader.<String, String>builder(keys -> {
                    synchronized (queries) {
                        queries.add(keys);
                    }
                    return Mono.fromCallable(() -> {
                                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                                running.decrementAndGet();
                                return keys.stream().collect(Collectors.toMap(k -> k, k -> VALUE));
                            })
                            .subscribeOn(Schedulers.parallel());
                })
                .maxConcurrentQueries(2)
                .maxWaitingReads(10_000)
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Map<String, String>>> all = IntStream.range(0, 4000)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(reader, "k" + i), threads))
                    .map(CompletableFuture::join)
                    .toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).join()).containsOnlyKeys("k" + i);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(queries.stream().mapToInt(List::size).sum()).isEqualTo(4000);
        assertThat(mostRunning.get()).isLessThanOrEqualTo(2);
        assertThat(reader.rejectedReads()).isZero();
        assertThat(reader.queriesRunning()).isZero();
    }

    @Test
    void theBuilderRefusesBadSettingsNamingThem() {
        CoalescingReader.Builder<String, String> builder = CoalescingReader.builder(heldQuery);

        assertThatThrownBy(() -> builder.maxConcurrentQueries(0)).hasMessageContaining("maxConcurrentQueries");
        assertThatThrownBy(() -> builder.maxWaitingReads(-1)).hasMessageContaining("maxWaitingReads");
        assertThatThrownBy(() -> builder.maxKeysPerQuery(0)).hasMessageContaining("maxKeysPerQuery");
        assertThatThrownBy(() -> CoalescingReader.builder(null)).hasMessageContaining("query");
    }
}
