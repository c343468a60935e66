package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is queued for writing; the write itself is covered against PostgreSQL in RevocationIntegrationTest. */
class LastUsedRecorderTest {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    private final LastUsedRecorder recorder =
            new LastUsedRecorder(null, Settings.revocation(), Clock.systemUTC(), new SimpleMeterRegistry());

    @Test
    void usesWithinTheResolutionAreNotQueuedAgain() {
        UUID key = UUID.randomUUID();

        recorder.record(key, T0);
        recorder.record(key, T0.plusSeconds(59));

        assertThat(recorder.pendingUse(key)).isEqualTo(T0);
    }

    @Test
    void aUsePastTheResolutionIsQueued() {
        UUID key = UUID.randomUUID();

        recorder.record(key, T0);
        recorder.record(key, T0.plusSeconds(60));

        assertThat(recorder.pendingUse(key)).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void keysAreTrackedApart() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        recorder.record(a, T0);
        recorder.record(b, T0.plusSeconds(1));

        assertThat(recorder.pendingUse(a)).isEqualTo(T0);
        assertThat(recorder.pendingUse(b)).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void forgettingKeepsKeysStillWithinTheirResolution() {
        UUID key = UUID.randomUUID();
        recorder.record(key, T0);

        recorder.forgetQueueableBy(T0.plusSeconds(30));
        recorder.record(key, T0.plusSeconds(59));

        assertThat(recorder.pendingUse(key)).isEqualTo(T0);
    }

    @Test
    void keysPastTheirResolutionAreForgottenSoTheMemoryStaysBounded() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        recorder.record(a, T0);
        recorder.record(b, T0.plusSeconds(30));

        recorder.forgetQueueableBy(T0.plusSeconds(60));

        assertThat(recorder.remembered()).isEqualTo(1);
        recorder.record(a, T0.plusSeconds(61));
        assertThat(recorder.pendingUse(a)).isEqualTo(T0.plusSeconds(61));
    }
}
