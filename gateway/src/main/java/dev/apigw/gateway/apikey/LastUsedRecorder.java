package dev.apigw.gateway.apikey;

import dev.apigw.gateway.config.RevocationProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records key use in memory and writes it in batches: one UPDATE per flush, every
 * {@code last-used-flush-interval}, never a write per request. A key is queued again only once its use
 * has moved {@code last-used-resolution} past what was last queued for it, so a busy key costs one row
 * update per resolution, not one per flush. What was last queued is remembered with the key's cached
 * answer ({@link UseMark}, shared by a re-read answer for the same key), so a key that leaves the cache — evicted, revoked,
 * expired — may be queued again sooner at its next use. {@code last_used} is therefore late by up to
 * the resolution plus one interval, is never moved backwards, and uses not yet written are lost in a
 * crash. A failed flush puts its uses back for the next one.
 */
@Component
public class LastUsedRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

    private final ConcurrentHashMap<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final DatabaseClient db;
    private final RevocationProperties settings;
    private final long resolutionMillis;
    private final Clock clock;
    private final AtomicReference<Instant> lastFlush;
    private volatile @Nullable Disposable schedule;

    LastUsedRecorder(DatabaseClient db, RevocationProperties settings, Clock clock, ApiKeyMetrics metrics) {
        this.db = db;
        this.settings = settings;
        this.resolutionMillis = settings.lastUsedResolution().toMillis();
        this.clock = clock;
        this.lastFlush = new AtomicReference<>(clock.instant());
        metrics.watch(this);
    }

    /**
     * A use of {@code key} at {@code usedAt}: queued unless a use of it was queued within the resolution,
     * which the answer's {@link UseMark} remembers, so the request path reads no map of its own.
     */
    void record(KeyLookup.Found key, Instant usedAt) {
        if (key.lastUse().claim(usedAt.toEpochMilli(), resolutionMillis)) {
            queue(key.key().id(), usedAt);
        }
    }

    int pendingCount() {
        return pending.size();
    }

    double secondsSinceFlush() {
        return java.time.Duration.between(lastFlush.get(), clock.instant()).toMillis() / 1000.0;
    }

    /** The use waiting to be written for this key, if any. */
    @Nullable
    Instant pendingUse(UUID keyId) {
        return pending.get(keyId);
    }

    private void queue(UUID keyId, Instant usedAt) {
        pending.merge(keyId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes every pending use in one statement; completes when written (or put back after a failure). */
    public Mono<Void> flush() {
        List<String> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (Map.Entry<UUID, Instant> use : pending.entrySet()) {
            if (pending.remove(use.getKey(), use.getValue())) {
                ids.add(use.getKey().toString());
                times.add(use.getValue().toString());
            }
        }
        if (ids.isEmpty()) {
            lastFlush.set(clock.instant());
            return Mono.empty();
        }
        return db.sql("UPDATE api_keys k SET last_used = v.used_at"
                        + " FROM unnest(CAST(:ids AS uuid[]), CAST(:times AS timestamptz[])) AS v(id, used_at)"
                        + " WHERE k.id = v.id AND (k.last_used IS NULL OR k.last_used < v.used_at)")
                .bind("ids", ids.toArray(String[]::new))
                .bind("times", times.toArray(String[]::new))
                .fetch()
                .rowsUpdated()
                .doOnNext(rows -> lastFlush.set(clock.instant()))
                .onErrorResume(error -> {
                    log.warn("Could not write last_used for {} keys, will retry: {}", ids.size(), error.toString());
                    for (int i = 0; i < ids.size(); i++) {
                        queue(UUID.fromString(ids.get(i)), Instant.parse(times.get(i)));
                    }
                    return Mono.empty();
                })
                .then();
    }

    @Override
    public void start() {
        schedule = Flux.interval(settings.lastUsedFlushInterval())
                .onBackpressureDrop()
                .concatMap(tick -> flush(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        // Last chance for uses recorded since the previous flush; bounded so shutdown cannot hang.
        flush().timeout(java.time.Duration.ofSeconds(5)).onErrorComplete().subscribe();
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }

    @Override
    public int getPhase() {
        // Stop before the connection pool is closed.
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
