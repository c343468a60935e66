package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The cache's rules, with a stubbed query and a fake ticker: no sleeps, no database. */
class ApiKeyCacheTest {

    private static final String HASH = "a".repeat(64);

    private final ApiKeyRepository repository = mock(ApiKeyRepository.class);
    private final FakeTicker ticker = new FakeTicker();
    private final KeyRecord key = new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true);

    private ApiKeyCache cache(int maxConcurrentLookups) {
        return cache(maxConcurrentLookups, 256);
    }

    private ApiKeyCache cache(int maxConcurrentLookups, int maxQueuedLookups) {
        return new ApiKeyCache(repository, Settings.apiKeys(maxConcurrentLookups, maxQueuedLookups), ticker,
                new SimpleMeterRegistry());
    }

    @Test
    void concurrentMissesOfOneKeyShareOneQuery() {
        Sinks.One<KeyRecord> answer = Sinks.one();
        AtomicInteger queries = new AtomicInteger();
        when(repository.findByHash(HASH)).thenAnswer(call -> {
            queries.incrementAndGet();
            return answer.asMono();
        });
        ApiKeyCache cache = cache(8);

        Mono<KeyLookup> first = cache.lookup(HASH).cache();
        Mono<KeyLookup> second = cache.lookup(HASH).cache();
        first.subscribe();
        second.subscribe();
        answer.tryEmitValue(key);

        assertThat(first.block()).isEqualTo(new KeyLookup.Found(key));
        assertThat(second.block()).isEqualTo(new KeyLookup.Found(key));
        assertThat(queries).hasValue(1);
    }

    @Test
    void answerIsReusedForThreeQuartersOfTheTtlWithoutAQuery() {
        when(repository.findByHash(HASH)).thenReturn(Mono.just(key));
        ApiKeyCache cache = cache(8);

        cache.lookup(HASH).block();
        ticker.advance(Duration.ofSeconds(22));
        cache.lookup(HASH).block();

        verify(repository, times(1)).findByHash(HASH);
    }

    @Test
    void keyInUseIsRecheckedInTheBackgroundBeforeTheTtlEnds() {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHash(HASH)).thenReturn(Mono.just(key)).thenReturn(Mono.just(revoked));
        ApiKeyCache cache = cache(8);
        cache.lookup(HASH).block();

        ticker.advance(Duration.ofMillis(29_500)); // past 95 % of the 30 s ttl, before its end

        assertThat(cache.lookup(HASH).block()).as("served at once").isEqualTo(new KeyLookup.Found(key));
        assertThat(cache.lookup(HASH).block()).as("after the re-check").isEqualTo(new KeyLookup.Found(revoked));
        verify(repository, times(2)).findByHash(HASH);
    }

    @Test
    void pastTheTtlTheAnswerIsNeverUsedWithoutARecheck() {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHash(HASH)).thenReturn(Mono.just(key)).thenReturn(Mono.just(revoked));
        ApiKeyCache cache = cache(8);
        cache.lookup(HASH).block();

        ticker.advance(Duration.ofSeconds(31));

        assertThat(cache.lookup(HASH).block()).isEqualTo(new KeyLookup.Found(revoked));
    }

    @Test
    void unknownKeyIsRememberedForTheNegativeTtlOnly() {
        when(repository.findByHash(HASH)).thenReturn(Mono.empty());
        ApiKeyCache cache = cache(8);

        assertThat(cache.lookup(HASH).block()).isInstanceOf(KeyLookup.NotFound.class);
        ticker.advance(Duration.ofSeconds(4));
        cache.lookup(HASH).block();
        verify(repository, times(1)).findByHash(HASH);

        ticker.advance(Duration.ofSeconds(2));
        cache.lookup(HASH).block();
        verify(repository, times(2)).findByHash(HASH);
    }

    @Test
    void databaseErrorIsNeverCachedAsNotFound() {
        when(repository.findByHash(HASH))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")))
                .thenReturn(Mono.just(key));
        ApiKeyCache cache = cache(8);

        StepVerifier.create(cache.lookup(HASH)).expectError(KeyStoreUnavailableException.class).verify();
        StepVerifier.create(cache.lookup(HASH)).expectNext(new KeyLookup.Found(key)).verifyComplete();
    }

    @Test
    void knownAnswerOutlivesAnOutageForTheStalePeriodThenFails() {
        when(repository.findByHash(HASH))
                .thenReturn(Mono.just(key))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")));
        ApiKeyCache cache = cache(8);
        cache.lookup(HASH).block();

        ticker.advance(Duration.ofMinutes(9));
        StepVerifier.create(cache.lookup(HASH)).expectNext(new KeyLookup.Found(key)).verifyComplete();

        ticker.advance(Duration.ofMinutes(1).plusSeconds(1));
        StepVerifier.create(cache.lookup(HASH)).expectError(KeyStoreUnavailableException.class).verify();
    }

    @Test
    void revokedAnswerStaysRevokedDuringAnOutage() {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHash(HASH))
                .thenReturn(Mono.just(revoked))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("down")));
        ApiKeyCache cache = cache(8);
        cache.lookup(HASH).block();

        ticker.advance(Duration.ofMinutes(5));

        StepVerifier.create(cache.lookup(HASH)).expectNext(new KeyLookup.Found(revoked)).verifyComplete();
    }

    @Test
    void lookupsBeyondTheLimitWaitAndBeyondTheQueueFailAtOnceWithoutQuerying() {
        Sinks.One<KeyRecord> first = Sinks.one();
        when(repository.findByHash("1".repeat(64))).thenReturn(first.asMono());
        when(repository.findByHash("2".repeat(64))).thenReturn(Mono.never());
        when(repository.findByHash("3".repeat(64))).thenReturn(Mono.just(key));
        ApiKeyCache cache = cache(2, 1);
        cache.lookup("1".repeat(64)).subscribe();
        cache.lookup("2".repeat(64)).subscribe();
        Mono<KeyLookup> queued = cache.lookup("3".repeat(64)).cache();
        queued.subscribe();

        StepVerifier.create(cache.lookup("4".repeat(64))).expectError(KeyStoreUnavailableException.class).verify();
        verify(repository, times(2)).findByHash(anyString());

        first.tryEmitEmpty();
        StepVerifier.create(queued).expectNext(new KeyLookup.Found(key)).verifyComplete();
        verify(repository, times(3)).findByHash(anyString());
    }

    @Test
    void invalidatedKeyIsLookedUpAgain() {
        when(repository.findByHash(HASH)).thenReturn(Mono.just(key));
        ApiKeyCache cache = cache(8);
        cache.lookup(HASH).block();

        cache.invalidate(HASH);
        cache.lookup(HASH).block();

        verify(repository, times(2)).findByHash(HASH);
    }
}
