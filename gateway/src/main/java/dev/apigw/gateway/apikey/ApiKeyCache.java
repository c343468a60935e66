package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.apigw.gateway.cache.BatchedRecheck;
import dev.apigw.gateway.cache.CoalescingReader;
import dev.apigw.gateway.cache.SampledReads;
import dev.apigw.gateway.config.ApiKeyProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Key answers by hash: what to cache and for how long. A Caffeine {@code AsyncLoadingCache} whose loads
 * go through a {@link CoalescingReader} (bounded; reads that wait are merged into one query).
 * <ul>
 *   <li>An answer is never used more than {@code ttl} after the database last confirmed it. A key in use
 *       is re-checked in the background ({@link BatchedRecheck}) from a random point between 25 % and
 *       50 % of the ttl, so a key used at least every half ttl is re-checked before its ttl ends and
 *       never waits; past the ttl, the request waits for its own re-check.</li>
 *   <li>If a re-check fails, the last answer stays in use until {@code stale-period} after it was last
 *       confirmed ({@link ConfirmationExpiry}): a valid key keeps working and a revoked one stays
 *       revoked while the database is down. "Not found" is cached for {@code negative-ttl}; a failed
 *       lookup is never cached.</li>
 * </ul>
 * {@link #ready} answers a usable cached key at once; {@link #lookup} is for the rest. Thread-safe.
 */
@Component
public class ApiKeyCache {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyCache.class);

    static final int RECHECK_BATCH = 500;
    static final Duration RECHECK_DELAY = Duration.ofSeconds(1);
    static final int MAX_KEYS_PER_QUERY = 1000;

    private final ApiKeyRepository repository;
    private final KnownKeys known;
    private final ApiKeyMetrics metrics;
    private final Ticker ticker;
    private final long ttlNanos;
    private final Duration lookupTimeout;
    private final CoalescingReader<String, KeyRecord> reads;
    private final BatchedRecheck<String, CachedKey, KeyRecord> rechecks;
    private final AsyncLoadingCache<String, CachedKey> cache;
    private final SampledReads<String, CachedKey> readyReads;

    @Autowired
    ApiKeyCache(
            ApiKeyRepository repository,
            KnownKeys known,
            ApiKeyProperties settings,
            Ticker ticker,
            ApiKeyMetrics metrics) {
        this(repository, known, settings, ticker, metrics, Schedulers.parallel());
    }

    /** With the scheduler that runs the batched re-checks (a virtual-time one in tests). */
    ApiKeyCache(
            ApiKeyRepository repository,
            KnownKeys known,
            ApiKeyProperties settings,
            Ticker ticker,
            ApiKeyMetrics metrics,
            Scheduler recheckScheduler) {
        this.repository = repository;
        this.known = known;
        this.metrics = metrics;
        this.ticker = ticker;
        this.ttlNanos = settings.ttl().toNanos();
        this.lookupTimeout = settings.lookupTimeout();
        this.reads = CoalescingReader.builder(this::query)
                .maxConcurrentQueries(settings.maxConcurrentLookups())
                .maxWaitingReads(settings.maxQueuedLookups())
                .maxKeysPerQuery(MAX_KEYS_PER_QUERY)
                .build();
        this.rechecks = BatchedRecheck.builder(reads::read, this::rechecked)
                .maxBatch(RECHECK_BATCH)
                .delay(RECHECK_DELAY)
                .scheduler(recheckScheduler)
                .build();
        ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfter(new ConfirmationExpiry(settings.negativeTtl(), settings.stalePeriod()))
                .ticker(ticker)
                .recordStats(() -> stats)
                .buildAsync(new AsyncCacheLoader<>() {
                    @Override
                    public CompletableFuture<CachedKey> asyncLoad(String hash, Executor executor) {
                        return load(hash, KeyLookup.NOT_FOUND);
                    }

                    @Override
                    public CompletableFuture<CachedKey> asyncReload(String hash, CachedKey old, Executor executor) {
                        return load(hash, old.lookup()).exceptionally(error -> {
                            log.debug("Could not re-check a cached key, keeping the last answer: {}", error.toString());
                            return old;
                        });
                    }
                });
        this.readyReads = SampledReads.of(cache.synchronous(), stats);
        metrics.watch(reads);
        metrics.watch(rechecks);
        metrics.watch(cache);
    }

    /**
     * The cached answer for {@code hash} if it can be used without waiting (scheduling its background
     * re-check when due); null when the caller must {@link #lookup} it.
     */
    @Nullable
    KeyLookup ready(String hash) {
        CachedKey found = readyReads.getIfPresent(hash);
        return found == null ? null : usable(hash, found);
    }

    /**
     * The answer for {@code hash}; fails with {@link KeyStoreUnavailableException} when the database
     * cannot answer and nothing usable is cached.
     */
    Mono<KeyLookup> lookup(String hash) {
        CompletableFuture<CachedKey> cached = cache.get(hash);
        Mono<CachedKey> entry = cached.isDone() && !cached.isCompletedExceptionally()
                ? Mono.just(cached.join())
                : Mono.fromFuture(cached, true);
        return entry.flatMap(found -> {
                    KeyLookup usable = usable(hash, found);
                    return usable != null ? Mono.just(usable) : reconfirm(hash);
                })
                .onErrorMap(
                        error -> !(error instanceof KeyStoreUnavailableException),
                        error -> new KeyStoreUnavailableException("key lookup failed: " + error.getMessage(), error));
    }

    /** Forgets one key, so its next use is looked up again. */
    public void invalidate(String hash) {
        cache.synchronous().invalidate(hash);
    }

    /** Forgets every key: after notices may have been missed. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** The entry's answer within its ttl, its background re-check scheduled when due; null past the ttl. */
    private @Nullable KeyLookup usable(String hash, CachedKey found) {
        long age = ticker.read() - found.confirmedAt();
        if (age >= ttlNanos) {
            return null;
        }
        if (age >= found.recheckAfter()) {
            rechecks.add(hash, found);
        }
        return found.lookup();
    }

    /** Past the ttl: read again; if that fails, the last answer while the stale period lasts. */
    private Mono<KeyLookup> reconfirm(String hash) {
        return Mono.fromFuture(() -> cache.synchronous().refresh(hash), true).map(entry -> {
            if (ticker.read() - entry.confirmedAt() >= ttlNanos) {
                metrics.staleServed();
            }
            return entry.lookup();
        });
    }

    /**
     * The one place where a read meets Caffeine's futures: the key read alone or merged with others,
     * within the lookup timeout (waiting included). A failed re-read keeps the old entry (see the
     * loader), confirmation time included, so it still ages out.
     */
    private CompletableFuture<CachedKey> load(String hash, KeyLookup earlier) {
        return reads.read(List.of(hash))
                .timeout(lookupTimeout)
                .map(found -> confirmed(KeyLookup.of(found.get(hash), earlier)))
                .toFuture();
    }

    /** One query for the keys of one or more reads; every key found is listed among the known keys. */
    private Mono<Map<String, KeyRecord>> query(List<String> hashes) {
        long start = ticker.read();
        return repository
                .findByHashes(hashes)
                .timeout(lookupTimeout)
                .doOnNext(found -> found.keySet().forEach(known::add))
                .doFinally(signal -> metrics.queried(ticker.read() - start, hashes.size()));
    }

    /**
     * A background re-check's answer confirms the entry it was scheduled for, and only that one: if a
     * revocation notice removed it, or a newer answer replaced it, the answer may predate the change and
     * is dropped. Unchanged, the entry is renewed in place; changed, it is replaced. Both under the
     * cache's lock for the key (which a notice's removal takes too), and both make Caffeine work out
     * the entry's expiry again from the new confirmation.
     */
    private void rechecked(String hash, CachedKey seen, @Nullable KeyRecord stored) {
        CompletableFuture<CachedKey> scheduled = cache.asMap().get(hash); // not a read for the statistics
        if (scheduled == null
                || !scheduled.isDone()
                || scheduled.isCompletedExceptionally()
                || scheduled.join() != seen) {
            return;
        }
        KeyLookup answer = KeyLookup.of(stored, seen.lookup());
        cache.asMap().computeIfPresent(hash, (key, current) -> {
            if (current != scheduled) {
                return current;
            }
            if (answer.equals(seen.lookup())) {
                seen.renew(ticker.read(), recheckPoint());
                return current;
            }
            return CompletableFuture.completedFuture(confirmed(answer));
        });
    }

    private CachedKey confirmed(KeyLookup lookup) {
        return new CachedKey(lookup, ticker.read(), recheckPoint());
    }

    /** A random point between a quarter and half of the ttl: at least half the ttl is left after it. */
    private long recheckPoint() {
        return ttlNanos / 4 + ThreadLocalRandom.current().nextLong(ttlNanos / 4 + 1);
    }
}
