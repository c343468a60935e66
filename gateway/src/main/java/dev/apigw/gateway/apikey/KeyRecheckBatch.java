package dev.apigw.gateway.apikey;

import java.time.Duration;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Collects cached keys that are due for a background re-check and confirms them together: one query
 * for up to {@code maxBatch} keys, run {@code delay} after the first of them fell due. One query per key
 * cost the gateway more CPU than the requests that used the keys (a database round trip is ~200 µs of
 * gateway CPU; 10,000 keys in use, each re-checked about once a minute, took ~5 % of a core).
 *
 * <p>A key is only remembered once, however often it is used while due. The answer is handed to
 * {@code confirmed} together with the cache entry it was scheduled for, so that the cache can drop an
 * answer whose entry was invalidated (a revocation notice) or replaced while the query ran. A failed
 * query drops its keys: the next request that uses one of them schedules it again, and the cache's own
 * rules (stale period, check before use past the ttl) apply meanwhile. Thread-safe.
 *
 * @param <T> the cache entry a re-check was scheduled for
 */
final class KeyRecheckBatch<T> {

    private static final Logger log = LoggerFactory.getLogger(KeyRecheckBatch.class);

    /** What the cache does with the answer: replace {@code seen} if it is still the current entry. */
    interface Confirmed<T> {
        void accept(String hash, T seen, KeyLookup answer);
    }

    private final Function<List<String>, Mono<Map<String, KeyRecord>>> query;
    private final Confirmed<T> confirmed;
    private final int maxBatch;
    private final Duration delay;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<String, T> due = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    KeyRecheckBatch(Function<List<String>, Mono<Map<String, KeyRecord>>> query, Confirmed<T> confirmed,
            int maxBatch, Duration delay, Scheduler scheduler) {
        this.query = query;
        this.confirmed = confirmed;
        this.maxBatch = maxBatch;
        this.delay = delay;
        this.scheduler = scheduler;
    }

    /** Schedules a re-check of {@code hash}, whose cache entry is {@code seen}; cheap when already due. */
    void add(String hash, T seen) {
        if (due.putIfAbsent(hash, seen) == null) {
            schedule(delay);
        }
    }

    /** Keys waiting for their re-check. */
    int pending() {
        return due.size();
    }

    private void schedule(Duration after) {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flush, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One query; when more keys are due than one batch holds, the next query follows at once. */
    private void flush() {
        scheduled.set(false);
        Map<String, T> batch = take();
        if (!due.isEmpty()) {
            schedule(batch.size() == maxBatch ? Duration.ZERO : delay);
        }
        if (batch.isEmpty()) {
            return;
        }
        query.apply(List.copyOf(batch.keySet())).subscribe(
                found -> batch.forEach((hash, seen) ->
                        confirmed.accept(hash, seen, KeyLookup.of(found.get(hash)))),
                error -> log.debug("Could not re-check {} cached keys, keeping the last answers: {}", batch.size(),
                        error.toString()));
    }

    private Map<String, T> take() {
        Map<String, T> batch = new HashMap<>();
        Iterator<Map.Entry<String, T>> pending = due.entrySet().iterator();
        while (batch.size() < maxBatch && pending.hasNext()) {
            Map.Entry<String, T> next = pending.next();
            batch.put(next.getKey(), next.getValue());
            pending.remove();
        }
        return batch;
    }
}
