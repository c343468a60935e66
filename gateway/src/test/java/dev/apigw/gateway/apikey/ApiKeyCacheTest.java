package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The cache's rules, with a stubbed query and a fake ticker: no sleeps, no database. */
class ApiKeyCacheTest {

    private static final String HASH = "a".repeat(64);

    private final ApiKeyRepository repository = mock(ApiKeyRepository.class);
    private final FakeTicker ticker = new FakeTicker();
    private final KeyRecord key = new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true);
    private final VirtualTimeScheduler recheckTime = VirtualTimeScheduler.create();
    private final KnownKeys known = new KnownKeys(0, ticker, new ApiKeyMetrics(new SimpleMeterRegistry()));

    private ApiKeyCache cache(int maxConcurrentLookups) {
        return cache(maxConcurrentLookups, 256);
    }

    private ApiKeyCache cache(int maxConcurrentLookups, int maxQueuedLookups) {
        return new ApiKeyCache(
                repository,
                known,
                Settings.apiKeys(maxConcurrentLookups, maxQueuedLookups),
                ticker,
                new ApiKeyMetrics(new SimpleMeterRegistry()),
                recheckTime);
    }

    /** What the verifier does: the ready answer if there is one, else a lookup. */
    private static KeyLookup use(ApiKeyCache cache, String hash) {
        KeyLookup ready = cache.ready(hash);
        return ready != null ? ready : cache.lookup(hash).block();
    }

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    /** The database's answer to a read of {@link #HASH} alone. */
    private static Mono<Map<String, KeyRecord>> stored(KeyRecord key) {
        return Mono.just(Map.of(HASH, key));
    }

    private static KeyRecord revoked(KeyRecord key) {
        return new KeyRecord(key.id(), key.userId(), true, null, true);
    }

    @Test
    void aKeyTheDatabaseFindsIsListedFromThenOn() {
        known.loaded(); // no unlisted lookups allowed (budget 0)
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        assertThat(known.admits(HASH)).isFalse();

        assertThat(use(cache(8), HASH)).isEqualTo(new KeyLookup.Found(key));

        assertThat(known.admits(HASH)).isTrue();
    }

    @Test
    void readyAnswersOnlyACachedKeyWithinItsTtl() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        ApiKeyCache cache = cache(8);
        assertThat(cache.ready(HASH)).as("not cached yet").isNull();
        verify(repository, times(0)).findByHashes(anyList());

        use(cache, HASH);
        for (int i = 0; i < 100; i++) { // every read, the one in 16 the cache records as well
            assertThat(cache.ready(HASH)).isEqualTo(new KeyLookup.Found(key));
        }

        ticker.advance(Duration.ofSeconds(31)); // past the 30 s ttl: only a lookup may answer now
        for (int i = 0; i < 100; i++) {
            assertThat(cache.ready(HASH)).isNull();
        }
    }

    /** The key's first answer, its use queued for last_used at time 0 (resolution one minute). */
    private KeyLookup.Found usedAtZero(ApiKeyCache cache) {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        KeyLookup.Found first = (KeyLookup.Found) use(cache, HASH);
        assertThat(first.lastUse().claim(0, 60_000)).isTrue();
        return first;
    }

    private static void assertKeepsMark(KeyLookup.Found first, KeyLookup renewed, long atMillis) {
        assertThat(renewed).isNotSameAs(first);
        assertThat(((KeyLookup.Found) renewed).lastUse().claim(atMillis, 60_000))
                .as("a use already queued this minute")
                .isFalse();
    }

    @Test
    void aRecheckThatFindsTheKeyUnchangedRenewsTheSameAnswerWithItsLastUsedMark() {
        ApiKeyCache cache = cache(8);
        KeyLookup.Found first = usedAtZero(cache);
        ticker.advance(Duration.ofMillis(29_500));
        cache.ready(HASH); // due: schedules the background re-check
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
        verify(repository, times(2)).findByHashes(List.of(HASH));

        ticker.advance(Duration.ofSeconds(29)); // past the first answer's ttl, within the renewed one
        KeyLookup renewed = cache.ready(HASH);
        assertThat(renewed)
                .as("the same answer, confirmed again, not a new one")
                .isSameAs(first);
        assertThat(first.lastUse().claim(58_500, 60_000))
                .as("a use already queued this minute")
                .isFalse();
    }

    @Test
    void aRecheckThatFindsTheKeyChangedReplacesTheAnswerAndKeepsItsLastUsedMark() {
        ApiKeyCache cache = cache(8);
        KeyLookup.Found first = usedAtZero(cache);
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(stored(new KeyRecord(
                        key.id(),
                        key.userId(),
                        false,
                        Instant.parse("2030-01-01T00:00:00Z"),
                        true))); // an expiry set since
        ticker.advance(Duration.ofMillis(29_500));
        cache.ready(HASH);
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);

        KeyLookup changed = cache.ready(HASH);
        assertThat(((KeyLookup.Found) changed).key().expiresAt()).isNotNull();
        assertKeepsMark(first, changed, 30_000);
    }

    @Test
    void renewedConfirmationsRestartTheStalePeriod() {
        AtomicInteger queries = new AtomicInteger();
        when(repository.findByHashes(List.of(HASH)))
                .thenAnswer(call -> queries.incrementAndGet() <= 45
                        ? stored(key)
                        : Mono.error(new DataAccessResourceFailureException("down")));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);
        for (int use = 1; use <= 44; use++) { // 11 minutes of use, each due answer confirmed again in the background
            ticker.advance(Duration.ofSeconds(15));
            assertThat(cache.ready(HASH)).as("use %d answered at once", use).isEqualTo(new KeyLookup.Found(key));
            recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
        }
        assertThat(queries).hasValue(45);

        ticker.advance(Duration.ofSeconds(31)); // the database is down now, and the ttl is over

        StepVerifier.create(cache.lookup(HASH))
                .as("stale period counted from the last confirmation, not the first")
                .expectNext(new KeyLookup.Found(key))
                .verifyComplete();
    }

    @Test
    void anAnswerReconfirmedAfterItsTtlKeepsTheKeysLastUsedMark() {
        ApiKeyCache cache = cache(8);
        KeyLookup.Found first = usedAtZero(cache);
        ticker.advance(Duration.ofSeconds(31)); // past the ttl: the next use waits for the database

        assertKeepsMark(first, use(cache, HASH), 31_000);
    }

    @Test
    void concurrentMissesOfOneKeyShareOneQuery() {
        Sinks.One<Map<String, KeyRecord>> answer = Sinks.one();
        AtomicInteger queries = new AtomicInteger();
        when(repository.findByHashes(List.of(HASH))).thenAnswer(call -> {
            queries.incrementAndGet();
            return answer.asMono();
        });
        ApiKeyCache cache = cache(8);

        Mono<KeyLookup> first = cache.lookup(HASH).cache();
        Mono<KeyLookup> second = cache.lookup(HASH).cache();
        first.subscribe();
        second.subscribe();
        answer.tryEmitValue(Map.of(HASH, key));

        assertThat(first.block()).isEqualTo(new KeyLookup.Found(key));
        assertThat(second.block()).isEqualTo(new KeyLookup.Found(key));
        assertThat(queries).hasValue(1);
    }

    @Test
    void answerIsReusedForAQuarterOfTheTtlWithoutAQuery() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        ApiKeyCache cache = cache(8);

        use(cache, HASH);
        ticker.advance(Duration.ofMillis(7_400)); // just under a quarter of the 30 s ttl: before any re-check point
        use(cache, HASH);
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);

        verify(repository, times(1)).findByHashes(List.of(HASH));
    }

    @Test
    void aKeyUsedEveryHalfTtlNeverWaitsForTheDatabase() {
        AtomicInteger queries = new AtomicInteger();
        when(repository.findByHashes(List.of(HASH))).thenAnswer(call -> {
            queries.incrementAndGet();
            return stored(key);
        });
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        // Whatever re-check point each answer drew, the next use comes after it and before the ttl ends.
        for (int use = 1; use <= 50; use++) {
            ticker.advance(Duration.ofSeconds(15)); // half the 30 s ttl
            int before = queries.get();
            assertThat(use(cache, HASH)).isEqualTo(new KeyLookup.Found(key));
            assertThat(queries.get()).as("use %d waited for a lookup", use).isEqualTo(before);
            recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
            assertThat(queries.get())
                    .as("use %d was re-checked in the background", use)
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void keyInUseIsRecheckedInTheBackgroundBeforeTheTtlEnds() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key)).thenReturn(stored(revoked(key)));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        ticker.advance(
                Duration.ofMillis(29_500)); // past every re-check point (at most half the 30 s ttl), before its end

        assertThat(use(cache, HASH)).as("served at once").isEqualTo(new KeyLookup.Found(key));
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
        assertThat(use(cache, HASH)).as("after the re-check").isEqualTo(new KeyLookup.Found(revoked(key)));
        verify(repository, times(2)).findByHashes(List.of(HASH));
    }

    @Test
    void keysDueTogetherAreRecheckedWithOneQueryPerBatch() {
        int keys = ApiKeyCache.RECHECK_BATCH + 1;
        List<List<String>> queries = new ArrayList<>();
        when(repository.findByHashes(anyList())).thenAnswer(call -> {
            List<String> hashes = call.getArgument(0);
            queries.add(hashes);
            return Mono.just(hashes.stream().collect(Collectors.toMap(h -> h, h -> key)));
        });
        ApiKeyCache cache = cache(8);
        for (int i = 0; i < keys; i++) {
            use(cache, hash(i));
        }
        assertThat(queries).as("one read per key: nothing waited").hasSize(keys);
        queries.clear();
        ticker.advance(Duration.ofMillis(29_500));

        for (int use = 0; use < 3; use++) { // used again and again while due: still one re-check each
            for (int i = 0; i < keys; i++) {
                use(cache, hash(i));
            }
        }
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);

        assertThat(queries).hasSize(2);
        assertThat(queries.stream().flatMap(List::stream).distinct().count()).isEqualTo(keys);
        assertThat(queries.get(0)).hasSize(ApiKeyCache.RECHECK_BATCH);
        ticker.advance(Duration.ofSeconds(7)); // confirmed again: not due yet, no waiting past the old ttl
        use(cache, hash(0));
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
        assertThat(queries).hasSize(2);
    }

    @Test
    void recheckAnswerIsDroppedWhenARevocationNoticeArrivesWhileItRuns() {
        Sinks.One<Map<String, KeyRecord>> staleAnswer = Sinks.one();
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(stored(key))
                .thenReturn(staleAnswer.asMono())
                .thenReturn(stored(revoked(key)));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);
        ticker.advance(Duration.ofMillis(29_500));
        use(cache, HASH);
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY); // the batch query is running

        cache.invalidate(HASH); // the notice: the key was revoked after the query read it
        assertThat(use(cache, HASH)).isEqualTo(new KeyLookup.Found(revoked(key)));
        staleAnswer.tryEmitValue(Map.of(HASH, key)); // the answer that predates the revocation

        assertThat(use(cache, HASH)).isEqualTo(new KeyLookup.Found(revoked(key)));
    }

    @Test
    void recheckOfADeletedKeyAnswersNotFound() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key)).thenReturn(Mono.just(Map.of()));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);
        ticker.advance(Duration.ofMillis(29_500));
        use(cache, HASH);

        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);

        assertThat(use(cache, HASH)).isInstanceOf(KeyLookup.NotFound.class);
    }

    @Test
    void failedRecheckKeepsTheAnswerAndIsScheduledAgainByTheNextUse() {
        KeyRecord revoked = revoked(key);
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(stored(key))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")))
                .thenReturn(stored(revoked));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);
        ticker.advance(Duration.ofMillis(29_500));
        use(cache, HASH);

        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);
        assertThat(use(cache, HASH)).as("kept after the failure").isEqualTo(new KeyLookup.Found(key));
        recheckTime.advanceTimeBy(ApiKeyCache.RECHECK_DELAY);

        assertThat(use(cache, HASH)).isEqualTo(new KeyLookup.Found(revoked));
        verify(repository, times(3)).findByHashes(List.of(HASH));
    }

    @Test
    void aMissIsCountedOnceInTheCacheStatistics() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ApiKeyCache cache =
                new ApiKeyCache(repository, known, Settings.apiKeys(), ticker, new ApiKeyMetrics(meters), recheckTime);

        use(cache, HASH);
        use(cache, HASH);

        assertThat(meters.get("cache.gets")
                        .tag("result", "miss")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("cache.gets")
                        .tag("result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void pastTheTtlTheAnswerIsNeverUsedWithoutARecheck() {
        KeyRecord revoked = revoked(key);
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key)).thenReturn(stored(revoked));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        ticker.advance(Duration.ofSeconds(31));

        assertThat(use(cache, HASH)).isEqualTo(new KeyLookup.Found(revoked));
    }

    @Test
    void unknownKeyIsRememberedForTheNegativeTtlOnly() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(Mono.just(Map.of()));
        ApiKeyCache cache = cache(8);

        assertThat(use(cache, HASH)).isInstanceOf(KeyLookup.NotFound.class);
        ticker.advance(Duration.ofSeconds(4));
        use(cache, HASH);
        verify(repository, times(1)).findByHashes(List.of(HASH));

        ticker.advance(Duration.ofSeconds(2));
        use(cache, HASH);
        verify(repository, times(2)).findByHashes(List.of(HASH));
    }

    @Test
    void databaseErrorIsNeverCachedAsNotFound() {
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")))
                .thenReturn(stored(key));
        ApiKeyCache cache = cache(8);

        StepVerifier.create(cache.lookup(HASH))
                .expectError(KeyStoreUnavailableException.class)
                .verify();
        StepVerifier.create(cache.lookup(HASH))
                .expectNext(new KeyLookup.Found(key))
                .verifyComplete();
    }

    @Test
    void knownAnswerOutlivesAnOutageForTheStalePeriodThenFails() {
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(stored(key))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        ticker.advance(Duration.ofMinutes(9));
        StepVerifier.create(cache.lookup(HASH))
                .expectNext(new KeyLookup.Found(key))
                .verifyComplete();

        ticker.advance(Duration.ofMinutes(1).plusSeconds(1));
        StepVerifier.create(cache.lookup(HASH))
                .expectError(KeyStoreUnavailableException.class)
                .verify();
    }

    @Test
    void revokedAnswerStaysRevokedDuringAnOutage() {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHashes(List.of(HASH)))
                .thenReturn(stored(revoked))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        ticker.advance(Duration.ofMinutes(5));

        StepVerifier.create(cache.lookup(HASH))
                .expectNext(new KeyLookup.Found(revoked))
                .verifyComplete();
    }

    @Test
    void lookupsBeyondTheLimitWaitAndBeyondTheQueueFailAtOnceWithoutQuerying() {
        Sinks.One<Map<String, KeyRecord>> first = Sinks.one();
        when(repository.findByHashes(List.of("1".repeat(64)))).thenReturn(first.asMono());
        when(repository.findByHashes(List.of("2".repeat(64)))).thenReturn(Mono.never());
        when(repository.findByHashes(List.of("3".repeat(64)))).thenReturn(Mono.just(Map.of("3".repeat(64), key)));
        ApiKeyCache cache = cache(2, 1);
        cache.lookup("1".repeat(64)).subscribe();
        cache.lookup("2".repeat(64)).subscribe();
        Mono<KeyLookup> queued = cache.lookup("3".repeat(64)).cache();
        queued.subscribe();

        StepVerifier.create(cache.lookup("4".repeat(64)))
                .expectError(KeyStoreUnavailableException.class)
                .verify();
        verify(repository, times(2)).findByHashes(anyList());

        first.tryEmitValue(Map.of());
        StepVerifier.create(queued).expectNext(new KeyLookup.Found(key)).verifyComplete();
        verify(repository, times(3)).findByHashes(anyList());
    }

    @Test
    void invalidatedKeyIsLookedUpAgain() {
        when(repository.findByHashes(List.of(HASH))).thenReturn(stored(key));
        ApiKeyCache cache = cache(8);
        use(cache, HASH);

        cache.invalidate(HASH);
        use(cache, HASH);

        verify(repository, times(2)).findByHashes(List.of(HASH));
    }
}
