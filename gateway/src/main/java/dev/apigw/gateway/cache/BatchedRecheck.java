package dev.apigw.gateway.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Re-checks cached entries in batches: keys that fall due are collected and confirmed together, one
 * query for up to {@code maxBatch} keys, run {@code delay} after the first of them fell due. One query
 * per key would cost more than the requests that use the keys.
 *
 * <p>Contract:
 * <ul>
 *   <li>A key is remembered once however often it is {@link #add added} while due; the entry first
 *       given for it is the one handed back with the answer.</li>
 *   <li>Each answer reaches {@code confirmed} as (key, the entry the re-check was scheduled for, the value
 *       now stored or null when none is), so the caller can drop an answer whose entry was replaced or
 *       removed while the query ran. {@code confirmed} runs on the query's thread; it must not block.</li>
 *   <li>A failed query drops its keys (logged at debug): the next {@code add} schedules them again.
 *       Nothing is retried by itself and no error is thrown to anyone.</li>
 *   <li>When more keys are due than one batch holds, the next query follows at once.</li>
 *   <li>Thread-safe: {@code add} is a map insertion, cheap when the key is already due.</li>
 * </ul>
 *
 * @param <K> the key
 * @param <T> the cache entry a re-check is scheduled for
 * @param <V> the stored value a query answers
 */
public final class BatchedRecheck<K, T, V> {

    private static final Logger log = LoggerFactory.getLogger(BatchedRecheck.class);

    /** What the cache does with one answer. */
    @FunctionalInterface
    public interface Confirmation<K, T, V> {

        /** {@code found} is the value stored for {@code key} now, or null when none is. */
        void accept(K key, T seen, @Nullable V found);
    }

    private final Function<List<K>, Mono<Map<K, V>>> query;
    private final Confirmation<K, T, V> confirmed;
    private final int maxBatch;
    private final Duration delay;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<K, T> due = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private BatchedRecheck(Builder<K, T, V> builder, Scheduler scheduler) {
        this.query = builder.query;
        this.confirmed = builder.confirmed;
        this.maxBatch = builder.maxBatch;
        this.delay = builder.delay;
        this.scheduler = scheduler;
    }

    /** Re-checks that ask {@code query} and hand every answer to {@code confirmed}. */
    public static <K, T, V> Builder<K, T, V> builder(
            Function<List<K>, Mono<Map<K, V>>> query, Confirmation<K, T, V> confirmed) {
        return new Builder<>(query, confirmed);
    }

    /** Schedules a re-check of {@code key}, whose cache entry is {@code seen}. */
    public void add(K key, T seen) {
        if (due.putIfAbsent(key, seen) == null) {
            schedule(delay);
        }
    }

    /** Keys waiting for their re-check. */
    public int pending() {
        return due.size();
    }

    private void schedule(Duration after) {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flush, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        scheduled.set(false);
        Map<K, T> batch = take();
        if (!due.isEmpty()) {
            schedule(batch.size() == maxBatch ? Duration.ZERO : delay);
        }
        if (batch.isEmpty()) {
            return;
        }
        query.apply(List.copyOf(batch.keySet()))
                .defaultIfEmpty(Map.of())
                .subscribe(
                        found -> batch.forEach((key, seen) -> confirmed.accept(key, seen, found.get(key))),
                        error -> log.debug(
                                "Could not re-check {} cached entries, keeping the last answers: {}",
                                batch.size(),
                                error.toString()));
    }

    private Map<K, T> take() {
        Map<K, T> batch = new HashMap<>();
        Iterator<Map.Entry<K, T>> pending = due.entrySet().iterator();
        while (batch.size() < maxBatch && pending.hasNext()) {
            Map.Entry<K, T> next = pending.next();
            batch.put(next.getKey(), next.getValue());
            pending.remove();
        }
        return batch;
    }

    /** Settings of a {@link BatchedRecheck}; each checked when set. */
    public static final class Builder<K, T, V> {

        private final Function<List<K>, Mono<Map<K, V>>> query;
        private final Confirmation<K, T, V> confirmed;
        private int maxBatch = 500;
        private Duration delay = Duration.ofSeconds(1);
        private @Nullable Scheduler scheduler;

        private Builder(Function<List<K>, Mono<Map<K, V>>> query, Confirmation<K, T, V> confirmed) {
            this.query = Objects.requireNonNull(query, "query");
            this.confirmed = Objects.requireNonNull(confirmed, "confirmed");
        }

        /** Keys one query confirms; at least 1 (default 500). */
        public Builder<K, T, V> maxBatch(int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("maxBatch must be positive: " + keys);
            }
            this.maxBatch = keys;
            return this;
        }

        /** How long after the first key fell due its batch is queried; not negative (default 1 s). */
        public Builder<K, T, V> delay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            this.delay = delay;
            return this;
        }

        /** The scheduler that runs the queries (required; a virtual-time one in tests). */
        public Builder<K, T, V> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public BatchedRecheck<K, T, V> build() {
            Scheduler chosen = scheduler;
            if (chosen == null) {
                throw new IllegalStateException("scheduler must be set");
            }
            return new BatchedRecheck<>(this, chosen);
        }
    }
}
