package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.auth.FailureReason;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRecordTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void activeKeyIsUsable() {
        assertThat(key(false, null, true).unusableAt(NOW)).isNull();
        assertThat(key(false, NOW.plusMillis(1), true).unusableAt(NOW)).isNull();
    }

    @Test
    void keyStopsExactlyAtItsExpiry() {
        assertThat(key(false, NOW, true).unusableAt(NOW)).isEqualTo(FailureReason.EXPIRED_KEY);
    }

    @Test
    void revocationWinsOverEverythingElse() {
        assertThat(key(true, NOW.minusSeconds(1), false).unusableAt(NOW)).isEqualTo(FailureReason.REVOKED_KEY);
    }

    @Test
    void disabledOwnerMakesTheKeyUnusable() {
        assertThat(key(false, null, false).unusableAt(NOW)).isEqualTo(FailureReason.DISABLED_USER);
    }

    private static KeyRecord key(boolean revoked, Instant expiresAt, boolean enabled) {
        return new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), revoked, expiresAt, enabled);
    }
}
