package dev.apigw.gateway.apikey;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Every database read of keys goes through here. At most {@code max-concurrent-lookups} queries run at
 * once and at most {@code max-queued-lookups} reads wait (a read beyond that fails at once); reads that
 * had to wait are merged into one query when a slot frees — so under a burst or a flood of unknown keys
 * the database sees a few queries of many keys each, not one query per key, and the gateway pays one
 * round trip per query. A read that arrives when a slot is free runs at once, alone: no added latency.
 * A read cancelled while waiting is left out of the query. Thread-safe.
 */
final class KeyReads {

    /** One read: these hashes, answered with the subset of the query's result that is theirs. */
    private record Read(List<String> hashes, CompletableFuture<Map<String, KeyRecord>> result) {
    }

    private final Function<List<String>, Mono<Map<String, KeyRecord>>> query;
    private final LookupLimiter limiter;
    private final int maxKeysPerQuery;
    private final Counter rejected;
    private final Queue<Read> waiting = new ConcurrentLinkedQueue<>();

    KeyReads(Function<List<String>, Mono<Map<String, KeyRecord>>> query, LookupLimiter limiter, int maxKeysPerQuery,
             Counter rejected) {
        this.query = query;
        this.limiter = limiter;
        this.maxKeysPerQuery = maxKeysPerQuery;
        this.rejected = rejected;
    }

    /**
     * The stored keys among {@code hashes} (absent hashes are not in the map); fails with
     * {@link KeyStoreUnavailableException} when too many reads wait or the query fails. Cancelling the
     * future while it waits leaves its hashes out of the query.
     */
    CompletableFuture<Map<String, KeyRecord>> read(List<String> hashes) {
        Read read = new Read(hashes, new CompletableFuture<>());
        waiting.add(read);
        // One slot request per read; whichever slot comes first takes every read waiting by then.
        limiter.acquire().subscribe(this::run, error -> {
            if (waiting.remove(read)) {
                rejected.increment();
                read.result().completeExceptionally(error);
            }
        });
        return read.result();
    }

    private void run(LookupLimiter.Permit permit) {
        List<Read> batch = new ArrayList<>();
        Set<String> hashes = new LinkedHashSet<>();
        Read next;
        while (hashes.size() < maxKeysPerQuery && (next = waiting.poll()) != null) {
            if (!next.result().isDone()) { // not cancelled or timed out while waiting
                batch.add(next);
                hashes.addAll(next.hashes());
            }
        }
        if (batch.isEmpty()) { // an earlier slot took them
            permit.release();
            return;
        }
        Mono.defer(() -> query.apply(List.copyOf(hashes)))
                .doFinally(signal -> permit.release())
                .subscribe(
                        found -> batch.forEach(read -> read.result().complete(subset(found, read.hashes()))),
                        error -> batch.forEach(read -> read.result().completeExceptionally(
                                error instanceof KeyStoreUnavailableException ? error
                                        : new KeyStoreUnavailableException("key lookup failed", error))));
    }

    private static Map<String, KeyRecord> subset(Map<String, KeyRecord> found, List<String> hashes) {
        if (hashes.size() == 1) {
            KeyRecord key = found.get(hashes.get(0));
            return key == null ? Map.of() : Map.of(hashes.get(0), key);
        }
        return hashes.stream().filter(found::containsKey).distinct()
                .collect(Collectors.toUnmodifiableMap(hash -> hash, found::get));
    }
}
