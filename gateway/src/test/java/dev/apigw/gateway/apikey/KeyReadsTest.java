package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Reads of keys: bounded, and merged into one query when they had to wait. No database, no sleeps. */
class KeyReadsTest {

    private static final KeyRecord KEY = new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true);

    /** Every query made, each answered by a sink the test completes. */
    private final List<List<String>> queries = new ArrayList<>();
    private final List<Sinks.One<Map<String, KeyRecord>>> answers = new ArrayList<>();
    private final Counter rejected = new SimpleMeterRegistry().counter("rejected");

    private KeyReads reads(int permits, int maxQueued) {
        return reads(new LookupLimiter(permits, maxQueued));
    }

    private KeyReads reads(LookupLimiter limiter) {
        Function<List<String>, Mono<Map<String, KeyRecord>>> query = hashes -> {
            Sinks.One<Map<String, KeyRecord>> answer = Sinks.one();
            synchronized (queries) {
                queries.add(hashes);
                answers.add(answer);
            }
            return answer.asMono();
        };
        return new KeyReads(query, limiter, 1000, rejected);
    }

    /** Answers query {@code i}: every hash it asked for is a stored key. */
    private void answerAllFound(int i) {
        answers.get(i).tryEmitValue(queries.get(i).stream().collect(Collectors.toMap(h -> h, h -> KEY)));
    }

    @Test
    void aReadWithAFreeSlotRunsAtOnceAlone() {
        KeyReads reads = reads(2, 10);

        CompletableFuture<Map<String, KeyRecord>> read = reads.read(List.of("a"));

        assertThat(queries).containsExactly(List.of("a"));
        answerAllFound(0);
        assertThat(read.join()).containsOnlyKeys("a");
    }

    @Test
    void readsThatWaitForASlotAreMergedIntoOneQuery() {
        KeyReads reads = reads(1, 10);
        CompletableFuture<Map<String, KeyRecord>> first = reads.read(List.of("a"));
        CompletableFuture<Map<String, KeyRecord>> b = reads.read(List.of("b"));
        CompletableFuture<Map<String, KeyRecord>> c = reads.read(List.of("c"));
        CompletableFuture<Map<String, KeyRecord>> batch = reads.read(List.of("d", "e"));

        answerAllFound(0);

        assertThat(queries).containsExactly(List.of("a"), List.of("b", "c", "d", "e"));
        answers.get(1).tryEmitValue(Map.of("c", KEY, "e", KEY)); // b and d are not stored
        assertThat(first.join()).containsOnlyKeys("a");
        assertThat(b.join()).isEmpty();
        assertThat(c.join()).containsOnlyKeys("c");
        assertThat(batch.join()).containsOnlyKeys("e");
        assertThat(queries).as("the slots that found nothing left to read made no query").hasSize(2);
    }

    /**
     * A flood of reads: each waits for a slot of its own, and once earlier slots have taken every read,
     * the later ones find nothing left and give their slot back at once, inside the hand-over that gave
     * it. Those hand-overs used to nest: thousands of them overflowed the stack and the limiter stalled.
     */
    @Test
    void aFloodOfWaitingReadsIsServedWithoutNestingTheSlotsThatFindNothingLeft() {
        LookupLimiter limiter = new LookupLimiter(1, 100_000);
        KeyReads reads = reads(limiter);
        List<CompletableFuture<Map<String, KeyRecord>>> flood = IntStream.range(0, 20_000)
                .mapToObj(i -> reads.read(List.of("k" + i))).toList();

        for (int i = 0; i < queries.size(); i++) { // each answer lets the next slot query what is waiting
            answerAllFound(i);
        }

        assertThat(flood).allSatisfy(read -> assertThat(read).isCompleted());
        assertThat(queries).hasSize(21); // the first read alone, then 20 merged queries of up to 1,000
        assertThat(limiter.inUse()).isZero();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void beyondTheQueueAReadFailsAtOnceWithoutAQuery() {
        KeyReads reads = reads(1, 1);
        reads.read(List.of("a"));
        CompletableFuture<Map<String, KeyRecord>> queued = reads.read(List.of("b"));

        CompletableFuture<Map<String, KeyRecord>> refused = reads.read(List.of("c"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(rejected.count()).isEqualTo(1);
        answerAllFound(0);
        assertThat(queries).containsExactly(List.of("a"), List.of("b"));
        assertThat(queued).isNotDone();
    }

    @Test
    void aReadCancelledWhileWaitingIsLeftOutOfTheQuery() {
        KeyReads reads = reads(1, 10);
        reads.read(List.of("a"));
        reads.read(List.of("b")).cancel(false);
        CompletableFuture<Map<String, KeyRecord>> c = reads.read(List.of("c"));

        answerAllFound(0);

        assertThat(queries).containsExactly(List.of("a"), List.of("c"));
        answerAllFound(1);
        assertThat(c.join()).containsOnlyKeys("c");
    }

    @Test
    void aFailedQueryFailsEveryReadInItAndFreesTheSlot() {
        KeyReads reads = reads(1, 10);
        CompletableFuture<Map<String, KeyRecord>> first = reads.read(List.of("a"));
        CompletableFuture<Map<String, KeyRecord>> second = reads.read(List.of("b"));
        answers.get(0).tryEmitError(new IllegalStateException("connection reset"));
        answers.get(1).tryEmitError(new IllegalStateException("connection reset"));

        assertThat(first).failsWithin(0, TimeUnit.SECONDS).withThrowableThat()
                .withCauseInstanceOf(KeyStoreUnavailableException.class);
        assertThat(second).failsWithin(0, TimeUnit.SECONDS).withThrowableThat()
                .withCauseInstanceOf(KeyStoreUnavailableException.class);
        CompletableFuture<Map<String, KeyRecord>> after = reads.read(List.of("c"));
        answerAllFound(2);
        assertThat(after.join()).containsOnlyKeys("c");
    }

    @Test
    void underContentionEveryReadIsAnsweredAndEveryHashReadOnce() throws Exception {
        KeyReads reads = new KeyReads(hashes -> {
            synchronized (queries) {
                queries.add(hashes);
            }
            return Mono.just(hashes.stream().collect(Collectors.toMap(h -> h, h -> KEY)))
                    .publishOn(reactor.core.scheduler.Schedulers.parallel());
        }, new LookupLimiter(2, 10_000), 1000, rejected);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Map<String, KeyRecord>>> all = IntStream.range(0, 4000)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> reads.read(List.of("k" + i)), threads))
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
        assertThat(rejected.count()).isZero();
    }
}
