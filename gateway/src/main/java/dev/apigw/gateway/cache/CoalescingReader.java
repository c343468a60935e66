package dev.apigw.gateway.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bounded, coalescing reads of values by key from a slow store (a database): at most
 * {@code maxConcurrentQueries} queries run at once and at most {@code maxWaitingReads} reads wait for one
 * (a read beyond that fails at once with {@link ReadRejectedException}); reads that had to wait are
 * merged into one query of up to about {@code maxKeysPerQuery} keys when a query ends. So a burst or a
 * flood of reads costs the store a few queries of many keys each, not one query per read. A read that
 * arrives while a query slot is free runs at once, alone: no added latency.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #read} emits the found subset of its keys (absent keys are not in the map, possibly an
 *       empty map), or the query's error, or {@link ReadRejectedException}. It never emits an error of
 *       its own for a query that succeeded.</li>
 *   <li>Cancelling a read while it waits leaves its keys out of the query; cancelling a read whose query
 *       runs lets the query finish for the others.</li>
 *   <li>Thread-safe and non-blocking: no lock, no thread of its own. Queries are subscribed on the thread
 *       that freed their slot or made the read; a query that answers at once is handled in a loop, never
 *       by nesting one query's completion inside the next.</li>
 * </ul>
 *
 * @param <K> the key
 * @param <V> the value stored for a key
 */
public final class CoalescingReader<K, V> {

    private final Function<List<K>, Mono<Map<K, V>>> query;
    private final int maxConcurrentQueries;
    private final int maxWaitingReads;
    private final int maxKeysPerQuery;
    private final Queue<Read<K, V>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    /** Requests for the drain loop; whoever raises it from 0 runs the loop until it is back at 0. */
    private final AtomicInteger drainRequests = new AtomicInteger();

    private final LongAdder rejected = new LongAdder();

    private CoalescingReader(Builder<K, V> builder) {
        this.query = builder.query;
        this.maxConcurrentQueries = builder.maxConcurrentQueries;
        this.maxWaitingReads = builder.maxWaitingReads;
        this.maxKeysPerQuery = builder.maxKeysPerQuery;
    }

    /**
     * A reader over {@code query}, which answers the values stored for a list of distinct keys (absent
     * keys left out of the map; an empty {@code Mono} counts as an empty map).
     */
    public static <K, V> Builder<K, V> builder(Function<List<K>, Mono<Map<K, V>>> query) {
        return new Builder<>(query);
    }

    /** The values stored for {@code keys}, read alone or merged with other reads that wait. */
    public Mono<Map<K, V>> read(Collection<K> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<K> wanted = List.copyOf(keys);
        return Mono.create(sink -> {
            // Past the bound only while a slot is free, and never by more reads than slots: while another
            // thread is busy in the drain loop, a free slot does not make room for everyone.
            int waitingNow = waitingCount.incrementAndGet();
            if (waitingNow > maxWaitingReads
                    && (running.get() >= maxConcurrentQueries || waitingNow > maxWaitingReads + maxConcurrentQueries)) {
                waitingCount.decrementAndGet();
                rejected.increment();
                sink.error(new ReadRejectedException("more than " + maxWaitingReads + " reads waiting"));
                return;
            }
            Read<K, V> read = new Read<>(wanted, sink, new AtomicBoolean());
            sink.onCancel(() -> {
                if (read.claimed().compareAndSet(false, true)) {
                    waiting.remove(read);
                    waitingCount.decrementAndGet();
                }
            });
            waiting.add(read);
            drain();
        });
    }

    /** Queries running now. */
    public int queriesRunning() {
        return running.get();
    }

    /** Reads waiting for a query. */
    public int readsWaiting() {
        return waitingCount.get();
    }

    /** Reads refused so far because too many were waiting. */
    public long rejectedReads() {
        return rejected.sum();
    }

    /** Starts queries while slots are free and reads wait; one thread at a time runs the loop. */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            while (!waiting.isEmpty() && takeSlot()) {
                List<Read<K, V>> batch = takeBatch();
                if (batch.isEmpty()) {
                    running.decrementAndGet(); // every waiting read had been cancelled
                    break;
                }
                run(batch);
            }
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private boolean takeSlot() {
        int now;
        do {
            now = running.get();
            if (now >= maxConcurrentQueries) {
                return false;
            }
        } while (!running.compareAndSet(now, now + 1));
        return true;
    }

    private List<Read<K, V>> takeBatch() {
        List<Read<K, V>> batch = new ArrayList<>();
        int keys = 0;
        Read<K, V> next;
        while (keys < maxKeysPerQuery && (next = waiting.poll()) != null) {
            if (next.claimed().compareAndSet(false, true)) { // not cancelled meanwhile
                waitingCount.decrementAndGet();
                batch.add(next);
                keys += next.keys().size();
            }
        }
        return batch;
    }

    private void run(List<Read<K, V>> batch) {
        Set<K> keys = new LinkedHashSet<>();
        batch.forEach(read -> keys.addAll(read.keys()));
        Mono.defer(() -> query.apply(List.copyOf(keys)))
                .defaultIfEmpty(Map.of())
                .doFinally(signal -> {
                    running.decrementAndGet();
                    drain();
                })
                .subscribe(
                        found -> batch.forEach(read -> read.sink().success(subset(found, read.keys()))),
                        error -> batch.forEach(read -> read.sink().error(error)));
    }

    private static <K, V> Map<K, V> subset(Map<K, V> found, List<K> keys) {
        if (keys.size() == 1) {
            K key = keys.get(0);
            V value = found.get(key);
            return value == null ? Map.of() : Map.of(key, value);
        }
        Map<K, V> mine = new HashMap<>();
        for (K key : keys) {
            V value = found.get(key);
            if (value != null) {
                mine.put(key, value);
            }
        }
        return Map.copyOf(mine);
    }

    /** One read: these keys, answered through this sink; whoever sets {@code claimed} first owns it. */
    private record Read<K, V>(List<K> keys, MonoSink<Map<K, V>> sink, AtomicBoolean claimed) {}

    /** Settings of a {@link CoalescingReader}; each checked when set. */
    public static final class Builder<K, V> {

        private final Function<List<K>, Mono<Map<K, V>>> query;
        private int maxConcurrentQueries = 8;
        private int maxWaitingReads = 256;
        private int maxKeysPerQuery = 1000;

        private Builder(Function<List<K>, Mono<Map<K, V>>> query) {
            this.query = Objects.requireNonNull(query, "query");
        }

        /** Queries in flight at once; at least 1 (default 8). */
        public Builder<K, V> maxConcurrentQueries(int queries) {
            if (queries < 1) {
                throw new IllegalArgumentException("maxConcurrentQueries must be positive: " + queries);
            }
            this.maxConcurrentQueries = queries;
            return this;
        }

        /** Reads that may wait for a query; 0 or more (default 256). */
        public Builder<K, V> maxWaitingReads(int reads) {
            if (reads < 0) {
                throw new IllegalArgumentException("maxWaitingReads must not be negative: " + reads);
            }
            this.maxWaitingReads = reads;
            return this;
        }

        /**
         * Keys one merged query takes from waiting reads; at least 1 (default 1000). A query stops taking
         * reads once it holds this many keys, so the last read taken may carry it past the number.
         */
        public Builder<K, V> maxKeysPerQuery(int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("maxKeysPerQuery must be positive: " + keys);
            }
            this.maxKeysPerQuery = keys;
            return this;
        }

        public CoalescingReader<K, V> build() {
            return new CoalescingReader<>(this);
        }
    }
}
