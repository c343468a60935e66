package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.cache.SampledReads;
import dev.apigw.gateway.config.ApiKeyProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Key lookups by hash, cached in a Caffeine {@code AsyncLoadingCache}.
 *
 * <ul>
 *   <li>Concurrent misses of one key share one read. Reads go through {@link KeyReads}: at most
 *       {@code max-concurrent-lookups} queries in flight, at most {@code max-queued-lookups} reads
 *       waiting (any more fail at once), and reads that waited are merged into one query — so a flood
 *       of unknown keys can neither take the connection pool from anyone else nor cost a database
 *       round trip per key.</li>
 *   <li>An answer is never used more than {@code ttl} after the database last confirmed it. A key in
 *       use is re-checked in the background from a random point between 25 % and 50 % of the
 *       ttl (so that keys loaded together are not re-checked together, and a key used every half ttl
 *       or more often is always used while due, re-checked before its ttl ends and never waits),
 *       in batches: one query for every key that fell due within about a second
 *       ({@link KeyRecheckBatch}); past the ttl, the request waits for its own re-check. Concurrent
 *       checks of one key share one query.
 *       If a re-check fails, the last answer stays in use until {@code stale-period} after it was last
 *       confirmed: a recently valid key keeps working and a revoked key stays revoked while the
 *       database is down.</li>
 *   <li>"Not found" is cached for {@code negative-ttl}; a failed lookup is never cached.</li>
 * </ul>
 * {@link #ready} answers a usable cached key at once (most such reads skip Caffeine's read bookkeeping,
 * {@link SampledReads});
 * {@link #lookup} is for the rest. Thread-safe. Revocation notices remove single entries through
 * {@link #invalidate(String)}.
 */
@Component
public class ApiKeyCache {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyCache.class);

    /** Keys confirmed by one re-check query, and how long after the first one fell due it runs. */
    static final int RECHECK_BATCH = 500;
    static final Duration RECHECK_DELAY = Duration.ofSeconds(1);
    /** Most keys one query reads when waiting reads are merged (a re-check batch may add its own). */
    static final int MAX_KEYS_PER_QUERY = 1000;

    /**
     * An answer, when (ticker time) the database last confirmed it, and how old it may grow before a
     * background re-check (jittered per entry). A re-check that finds the key unchanged renews the
     * confirmation of the same entry ({@link #renew}) instead of caching a new one, so the answer's
     * objects stay where they are and a re-check leaves nothing for the collector to copy
     * (docs/performance.md, finding 28).
     */
    static final class Entry {

        private final KeyLookup lookup;
        private volatile long confirmedAt;
        private volatile long refreshAfter;

        Entry(KeyLookup lookup, long confirmedAt, long refreshAfter) {
            this.lookup = lookup;
            this.confirmedAt = confirmedAt;
            this.refreshAfter = refreshAfter;
        }

        KeyLookup lookup() {
            return lookup;
        }

        long confirmedAt() {
            return confirmedAt;
        }

        long refreshAfter() {
            return refreshAfter;
        }

        /**
         * Confirmed again at {@code at}. Written in the reverse of the order {@code usable} reads them in:
         * a reader that sees the new confirmation sees the new re-check point too; one that sees the old
         * confirmation may schedule one re-check more, nothing worse.
         */
        void renew(long at, long nextRefreshAfter) {
            refreshAfter = nextRefreshAfter;
            confirmedAt = at;
        }
    }

    private final ApiKeyRepository repository;
    private final KnownKeys known;
    private final ApiKeyProperties settings;
    private final Ticker ticker;
    private final long ttlNanos;
    private final LookupLimiter lookups;
    private final AsyncLoadingCache<String, Entry> cache;
    private final SampledReads<String, Entry> reads;
    private final KeyRecheckBatch<Entry> rechecks;
    private final Timer lookupTimer;
    private final DistributionSummary keysPerQuery;
    private final KeyReads keyReads;
    private final Counter staleServed;
    private final Counter lookupsRejected;

    @Autowired
    ApiKeyCache(ApiKeyRepository repository, KnownKeys known, ApiKeyProperties settings, Ticker ticker,
            MeterRegistry meters) {
        this(repository, known, settings, ticker, meters, Schedulers.parallel());
    }

    /** With the scheduler that runs the batched re-checks (a virtual-time one in tests). */
    ApiKeyCache(ApiKeyRepository repository, KnownKeys known, ApiKeyProperties settings, Ticker ticker,
            MeterRegistry meters, Scheduler recheckScheduler) {
        this.repository = repository;
        this.known = known;
        this.settings = settings;
        this.ticker = ticker;
        this.ttlNanos = settings.ttl().toNanos();
        this.lookups = new LookupLimiter(settings.maxConcurrentLookups(), settings.maxQueuedLookups());
        this.lookupTimer = Timer.builder("gateway.auth.apikey.lookup")
                .description("Database lookups of API keys").publishPercentileHistogram().register(meters);
        this.keysPerQuery = DistributionSummary.builder("gateway.auth.apikey.lookup.keys")
                .description("Keys read by one database lookup (reads that waited are merged)").register(meters);
        this.staleServed = Counter.builder("gateway.auth.apikey.stale.served")
                .description("Answers served from cache because the database could not confirm them")
                .register(meters);
        this.lookupsRejected = Counter.builder("gateway.auth.apikey.lookup.rejected")
                .description("Lookups refused because too many were in flight or waiting").register(meters);
        this.keyReads = new KeyReads(this::queryKeys, lookups, MAX_KEYS_PER_QUERY, lookupsRejected);
        ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfter(new ConfirmationExpiry())
                .ticker(ticker)
                .recordStats(() -> stats)
                .buildAsync(new Loader());
        this.reads = new SampledReads<>(cache.synchronous(), stats);
        this.rechecks = new KeyRecheckBatch<>(hashes -> Mono.fromFuture(() -> keyReads.read(hashes)), this::rechecked,
                RECHECK_BATCH, RECHECK_DELAY, recheckScheduler);
        Gauge.builder("gateway.auth.apikey.lookups.in_flight", lookups, LookupLimiter::inUse).register(meters);
        Gauge.builder("gateway.auth.apikey.lookups.waiting", lookups, LookupLimiter::waiting).register(meters);
        Gauge.builder("gateway.auth.apikey.rechecks.pending", rechecks, KeyRecheckBatch::pending)
                .description("Cached keys waiting for their batched background re-check").register(meters);
        CaffeineCacheMetrics.monitor(meters, cache, "api-keys");
    }

    /**
     * The cached answer for {@code hash} if it can be used without waiting (scheduling its background
     * re-check when due); null when the caller must {@link #lookup} it: not cached (or still loading), or
     * past its ttl. On the request path, before any operator.
     */
    @Nullable KeyLookup ready(String hash) {
        Entry found = reads.getIfPresent(hash);
        return found == null ? null : usable(hash, found);
    }

    /**
     * The answer for {@code hash}; fails with {@link KeyStoreUnavailableException} when the database
     * cannot answer and nothing usable is cached.
     */
    Mono<KeyLookup> lookup(String hash) {
        CompletableFuture<Entry> cached = cache.get(hash);
        Mono<Entry> entry = cached.isDone() && !cached.isCompletedExceptionally()
                ? Mono.just(cached.join()) // already loaded, no future to adapt
                : Mono.fromFuture(cached, true);
        return entry
                .flatMap(found -> {
                    KeyLookup usable = usable(hash, found);
                    return usable != null ? Mono.just(usable) : reconfirm(hash).map(Entry::lookup);
                })
                .onErrorMap(error -> !(error instanceof KeyStoreUnavailableException),
                        error -> new KeyStoreUnavailableException("key lookup failed", error));
    }

    /**
     * The answer of a cached entry if it is within its ttl, its background re-check scheduled when it
     * is due; null once the ttl is over (the caller waits for a re-check).
     */
    private @Nullable KeyLookup usable(String hash, Entry found) {
        long age = ticker.read() - found.confirmedAt();
        if (age >= ttlNanos) {
            return null;
        }
        if (age >= found.refreshAfter()) {
            rechecks.add(hash, found); // in the background; this answer is still good
        }
        return found.lookup();
    }

    private Mono<Entry> reconfirm(String hash) {
        return Mono.fromFuture(() -> cache.synchronous().refresh(hash), true)
                .doOnNext(entry -> {
                    if (!isFresh(entry)) {
                        staleServed.increment();
                    }
                });
    }

    private boolean isFresh(Entry entry) {
        return ticker.read() - entry.confirmedAt() < ttlNanos;
    }

    /**
     * A fresh answer, due for its background re-check from a random point between a quarter and half of
     * the ttl: at least half the ttl is left after it, so any key used at least every half ttl is used
     * while due, before its ttl ends, and never waits for the database.
     */
    private Entry confirmed(KeyLookup lookup) {
        return new Entry(lookup, ticker.read(), refreshPoint());
    }

    private long refreshPoint() {
        return ttlNanos / 4 + ThreadLocalRandom.current().nextLong(ttlNanos / 4 + 1);
    }

    /** Forgets one key, so its next use is looked up again. */
    public void invalidate(String hash) {
        cache.synchronous().invalidate(hash);
    }

    /** Forgets every key: after notices may have been missed. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }


    /**
     * One query for the keys of one or more reads, timed. Every key it finds is listed among the
     * {@link KnownKeys}, in case a missed notice or a race left it out (once per query, not per request).
     */
    private Mono<Map<String, KeyRecord>> queryKeys(List<String> hashes) {
        long start = ticker.read();
        return repository.findByHashes(hashes)
                .timeout(settings.lookupTimeout())
                .doOnNext(found -> found.keySet().forEach(known::add))
                .doFinally(signal -> {
                    lookupTimer.record(ticker.read() - start, TimeUnit.NANOSECONDS);
                    keysPerQuery.record(hashes.size());
                });
    }

    /**
     * A batched re-check's answer confirms the entry it was scheduled for, and only that one: if a
     * revocation notice removed it, or a newer answer replaced it, while the query ran, the answer is
     * dropped (it may predate the revocation). An unchanged key renews the entry's confirmation; a
     * changed one (revoked, expired, its owner disabled, deleted) replaces the entry. Both happen under
     * the cache's lock for the key, which a revocation notice's removal takes too, and both make the
     * cache work out the entry's expiry (the stale period) again from the new confirmation.
     */
    private void rechecked(String hash, Entry seen, KeyLookup answer) {
        CompletableFuture<Entry> scheduled = cache.asMap().get(hash); // not a read to count in the statistics
        if (scheduled == null || !scheduled.isDone() || scheduled.isCompletedExceptionally()
                || scheduled.join() != seen) {
            return;
        }
        cache.asMap().computeIfPresent(hash, (key, current) -> {
            if (current != scheduled) {
                return current; // replaced since: this answer is not for it
            }
            if (answer.equals(seen.lookup())) {
                seen.renew(ticker.read(), refreshPoint());
                return current;
            }
            return CompletableFuture.completedFuture(confirmed(KeyLookup.renewed(answer, seen.lookup())));
        });
    }

    /** One key, read on its own or together with others that wait; the wait counts against the timeout. */
    private CompletableFuture<Entry> query(String hash) {
        return Mono.fromFuture(() -> keyReads.read(List.of(hash)))
                .timeout(settings.lookupTimeout())
                .map(found -> confirmed(KeyLookup.of(found.get(hash))))
                .toFuture();
    }

    private final class Loader implements AsyncCacheLoader<String, Entry> {

        @Override
        public CompletableFuture<? extends Entry> asyncLoad(String hash, Executor executor) {
            return query(hash);
        }

        /** A failed re-check keeps the old answer and its old confirmation time, so it still ages out. */
        @Override
        public CompletableFuture<? extends Entry> asyncReload(String hash, Entry old, Executor executor) {
            return query(hash).thenApply(fresh -> {
                KeyLookup.renewed(fresh.lookup(), old.lookup()); // the key keeps its last_used mark
                return fresh;
            }).exceptionally(error -> {
                log.debug("Could not re-check a cached key, keeping the last answer: {}", error.toString());
                return old;
            });
        }
    }

    private final class ConfirmationExpiry implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String hash, Entry entry, long now) {
            return remaining(entry, now);
        }

        @Override
        public long expireAfterUpdate(String hash, Entry entry, long now, long currentDuration) {
            return remaining(entry, now);
        }

        @Override
        public long expireAfterRead(String hash, Entry entry, long now, long currentDuration) {
            return currentDuration;
        }

        private long remaining(Entry entry, long now) {
            long lifetime = entry.lookup() instanceof KeyLookup.NotFound
                    ? settings.negativeTtl().toNanos() : settings.stalePeriod().toNanos();
            return Math.max(0, lifetime - (now - entry.confirmedAt()));
        }
    }
}
