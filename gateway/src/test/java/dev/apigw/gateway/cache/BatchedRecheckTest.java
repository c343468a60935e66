package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Background re-checks in batches, on virtual time: no sleeps. */
class BatchedRecheckTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<List<String>> queries = new ArrayList<>();
    /** Per key, the entry handed back with its answer and the answer. */
    private final Map<String, String> seenByKey = new HashMap<>();

    private final Map<String, Integer> answers = new HashMap<>();

    private BatchedRecheck<String, String, Integer> rechecks(int maxBatch, Mono<Map<String, Integer>> answer) {
        return BatchedRecheck.<String, String, Integer>builder(
                        keys -> {
                            queries.add(keys);
                            return answer.map(found -> found.entrySet().stream()
                                    .filter(e -> keys.contains(e.getKey()))
                                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
                        },
                        (key, seen, found) -> {
                            seenByKey.put(key, seen);
                            answers.put(key, found);
                        })
                .maxBatch(maxBatch)
                .delay(Duration.ofSeconds(1))
                .scheduler(time)
                .build();
    }

    @Test
    void keysDueTogetherAreQueriedOnceADelayAfterTheFirstFellDue() {
        BatchedRecheck<String, String, Integer> rechecks = rechecks(10, Mono.just(Map.of("a", 1, "b", 2)));

        rechecks.add("a", "entry-a");
        time.advanceTimeBy(Duration.ofMillis(500));
        rechecks.add("b", "entry-b");
        assertThat(queries).isEmpty();
        time.advanceTimeBy(Duration.ofMillis(500));

        assertThat(queries).hasSize(1);
        assertThat(queries.get(0)).containsExactlyInAnyOrder("a", "b");
        assertThat(seenByKey).containsEntry("a", "entry-a").containsEntry("b", "entry-b");
        assertThat(answers).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(rechecks.pending()).isZero();
    }

    @Test
    void aKeyAddedAgainWhileDueIsQueriedOnceWithTheEntryFirstGiven() {
        BatchedRecheck<String, String, Integer> rechecks = rechecks(10, Mono.just(Map.of("a", 1)));

        rechecks.add("a", "first");
        rechecks.add("a", "second");
        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(queries).containsExactly(List.of("a"));
        assertThat(seenByKey).containsEntry("a", "first");
    }

    @Test
    void aKeyNoLongerStoredIsAnsweredWithNull() {
        BatchedRecheck<String, String, Integer> rechecks = rechecks(10, Mono.just(Map.of()));

        rechecks.add("gone", "entry");
        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(answers).containsEntry("gone", null);
    }

    @Test
    void moreKeysThanABatchHoldsAreQueriedInBatchesOneAfterAnother() {
        BatchedRecheck<String, String, Integer> rechecks = rechecks(2, Mono.just(Map.of()));

        for (String key : List.of("a", "b", "c", "d", "e")) {
            rechecks.add(key, "entry");
        }
        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(queries)
                .hasSize(3)
                .allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(2));
        assertThat(answers).containsOnlyKeys("a", "b", "c", "d", "e");
    }

    @Test
    void aFailedQueryDropsItsKeysUntilTheyAreAddedAgain() {
        BatchedRecheck<String, String, Integer> rechecks =
                rechecks(10, Mono.error(new IllegalStateException("database down")));

        rechecks.add("a", "entry");
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(answers).isEmpty();
        assertThat(rechecks.pending()).isZero();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(queries).hasSize(1);

        rechecks.add("a", "entry");
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(queries).hasSize(2);
    }

    @Test
    void theBuilderRefusesBadSettingsNamingThem() {
        BatchedRecheck.Builder<String, String, Integer> builder =
                BatchedRecheck.builder(keys -> Mono.just(Map.of()), (key, seen, found) -> {});

        assertThatThrownBy(() -> builder.maxBatch(0)).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> builder.delay(Duration.ofSeconds(-1))).hasMessageContaining("delay");
        assertThatThrownBy(builder::build).hasMessageContaining("scheduler");
        assertThatThrownBy(() -> BatchedRecheck.builder(null, (key, seen, found) -> {}))
                .hasMessageContaining("query");
    }
}
