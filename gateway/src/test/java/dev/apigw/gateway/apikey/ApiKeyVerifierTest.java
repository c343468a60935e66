package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.apigw.gateway.auth.AuthMethod;
import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.auth.FailureReason;
import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.Settings;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The decision for a presented key, with a stubbed query: no database, no sleeps. */
class ApiKeyVerifierTest {

    private final KeyFormat format = KeyFormat.defaults();
    private final String presented = format.generate().value();
    private final String hash = KeyHasher.hash(presented);
    private final KeyRecord key = new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true);
    private final ApiKeyRepository repository = mock(ApiKeyRepository.class);
    private final FakeTicker ticker = new FakeTicker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KnownKeys known =
            new KnownKeys(0, ticker, new ApiKeyMetrics(meters)); // no unlisted lookups once loaded
    private final ApiKeyVerifier verifier = new ApiKeyVerifier(
            format,
            known,
            new ApiKeyCache(
                    repository,
                    known,
                    Settings.apiKeys(),
                    ticker,
                    new ApiKeyMetrics(meters),
                    VirtualTimeScheduler.create()),
            new LastUsedRecorder(null, Settings.revocation(), Clock.systemUTC(), new ApiKeyMetrics(meters)),
            Clock.systemUTC(),
            ticker);

    private AuthOutcome outcomeOf(String value) {
        return verifier.verify(value).block();
    }

    @Test
    void storedKeyAuthenticatesItsOwnerAndIsThenAnsweredFromTheCache() {
        when(repository.findByHashes(List.of(hash))).thenReturn(Mono.just(Map.of(hash, key)));
        AuthOutcome owner = new AuthOutcome.Authenticated(key.userId().toString(), AuthMethod.API_KEY, key.id());

        for (int i = 0; i < 100; i++) {
            assertThat(outcomeOf(presented)).isEqualTo(owner);
        }
        verify(repository, times(1)).findByHashes(anyList());
    }

    /** Issue #26: a flood of revoked keys must not write a log line per request. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aFloodOfRevokedKeysWritesABoundedNumberOfLogLinesPerSecond(CapturedOutput output) {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHashes(List.of(hash))).thenReturn(Mono.just(Map.of(hash, revoked)));

        for (int i = 0; i < 1000; i++) {
            assertThat(outcomeOf(presented))
                    .isEqualTo(AuthOutcome.rejected(FailureReason.REVOKED_KEY, AuthMethod.API_KEY));
        }
        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            outcomeOf(presented);
        }

        assertThat(output.getAll().lines().filter(line -> line.contains("Rejected API key " + key.id())))
                .hasSize(2 * ApiKeyVerifier.LOG_LINES_PER_SECOND);
    }

    @Test
    void unlistedKeyIsRefusedWithoutALookup() {
        known.loaded();

        assertThat(outcomeOf(presented)).isEqualTo(AuthOutcome.rejected(FailureReason.UNKNOWN_KEY, AuthMethod.API_KEY));
        verify(repository, never()).findByHashes(anyList());
    }

    @Test
    void malformedKeyNeverReachesTheCacheOrTheDatabase() {
        String corrupted = presented.substring(0, presented.length() - 1) + (presented.endsWith("A") ? "B" : "A");

        assertThat(outcomeOf(corrupted))
                .isEqualTo(AuthOutcome.rejected(FailureReason.MALFORMED_KEY, AuthMethod.API_KEY));
        verify(repository, never()).findByHashes(anyList());
    }

    @Test
    void revokedKeyIsRefusedEveryTimeFromTheCache() {
        KeyRecord revoked = new KeyRecord(key.id(), key.userId(), true, null, true);
        when(repository.findByHashes(List.of(hash))).thenReturn(Mono.just(Map.of(hash, revoked)));

        for (int i = 0; i < 100; i++) {
            assertThat(outcomeOf(presented))
                    .isEqualTo(AuthOutcome.rejected(FailureReason.REVOKED_KEY, AuthMethod.API_KEY));
        }
        verify(repository, times(1)).findByHashes(anyList());
    }
}
