package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is queued for writing; the write itself is covered against PostgreSQL in RevocationIT. */
class LastUsedRecorderTest {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    private final LastUsedRecorder recorder = new LastUsedRecorder(
            null, Settings.revocation(), Clock.systemUTC(), new ApiKeyMetrics(new SimpleMeterRegistry()));

    private static KeyLookup.Found key() {
        return new KeyLookup.Found(new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true));
    }

    @Test
    void usesWithinTheResolutionAreNotQueuedAgain() {
        KeyLookup.Found key = key();

        recorder.record(key, T0);
        recorder.record(key, T0.plusSeconds(59));

        assertThat(recorder.pendingUse(key.key().id())).isEqualTo(T0);
    }

    @Test
    void aUsePastTheResolutionIsQueued() {
        KeyLookup.Found key = key();

        recorder.record(key, T0);
        recorder.record(key, T0.plusSeconds(60));

        assertThat(recorder.pendingUse(key.key().id())).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void keysAreTrackedApart() {
        KeyLookup.Found a = key();
        KeyLookup.Found b = key();

        recorder.record(a, T0);
        recorder.record(b, T0.plusSeconds(1));

        assertThat(recorder.pendingUse(a.key().id())).isEqualTo(T0);
        assertThat(recorder.pendingUse(b.key().id())).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aRenewedAnswerForTheSameKeyKeepsWhatWasQueued() {
        KeyLookup.Found before = key();
        recorder.record(before, T0);

        KeyLookup renewed = KeyLookup.of(before.key(), before);
        recorder.record((KeyLookup.Found) renewed, T0.plusSeconds(30));

        assertThat(recorder.pendingUse(before.key().id()))
                .as("not queued again")
                .isEqualTo(T0);
    }

    @Test
    void anAnswerForAnotherKeyStartsAfresh() {
        KeyLookup.Found before = key();
        recorder.record(before, T0);
        KeyLookup.Found other = key();

        recorder.record((KeyLookup.Found) KeyLookup.of(other.key(), before), T0.plusSeconds(1));

        assertThat(recorder.pendingUse(other.key().id())).isEqualTo(T0.plusSeconds(1));
    }
}
