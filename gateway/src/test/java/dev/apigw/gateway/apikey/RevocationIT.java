package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.NoticedKeys;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Revocation through NOTIFY, a lost listener connection, and the batched last_used writes. */
class RevocationIT extends GatewayIntegrationTest {

    @Autowired
    RevocationListener listener;

    @Autowired
    LastUsedRecorder lastUsed;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApiKeyCache cache;

    @Test
    void revokedKeyIsRejectedAsSoonAsTheNotificationArrives() {
        StoredKey key = KEYS.key();
        assertThat(status(key)).isEqualTo(200);

        KEYS.revoke(key.id());

        eventually(Duration.ofSeconds(5), "the revoked key is refused", () -> status(key) == 401);
    }

    @Test
    void disablingTheOwnerStopsTheirCachedKeys() {
        StoredKey key = KEYS.key();
        assertThat(status(key)).isEqualTo(200);

        KEYS.disableUser(key.userId());

        eventually(Duration.ofSeconds(5), "the key is refused", () -> status(key) == 401);
    }

    @Test
    void lostListenerConnectionComesBackAndForgetsWhatItMayHaveMissed() {
        StoredKey key = NoticedKeys.create(KEYS, meters);
        assertThat(status(key)).isEqualTo(200);
        // A revocation whose notification is lost: the trigger is off while it commits.
        KEYS.execute("ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify_change");
        try {
            KEYS.revoke(key.id());
        } finally {
            KEYS.execute("ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify_change");
        }
        assertThat(status(key)).as("still cached as valid").isEqualTo(200);
        double reconnects = meters.counter("gateway.auth.revocation.reconnects").count();

        KEYS.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                        + " AND datname = current_database()",
                RevocationListener.APPLICATION_NAME);

        eventually(
                Duration.ofSeconds(10),
                "the listener reconnects and listens again",
                () -> meters.counter("gateway.auth.revocation.reconnects").count() > reconnects
                        && listener.isListening());
        assertThat(status(key)).isEqualTo(401);
        StoredKey later = KEYS.key();
        assertThat(status(later)).isEqualTo(200);
        KEYS.revoke(later.id());
        eventually(Duration.ofSeconds(5), "the key revoked during the outage is refused", () -> status(later) == 401);
    }

    @Test
    void malformedKeysNeverReachTheDatabase() {
        cache.invalidateAll(); // no cached key of another test may be re-checked meanwhile
        long lookups = meters.timer("gateway.auth.apikey.lookup").count();

        for (int i = 0; i < 20; i++) {
            client.get()
                    .uri("/api/x")
                    .header("x-api-key", "gwk_" + "Z".repeat(32) + String.format("%06d", i))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }

        assertThat(meters.timer("gateway.auth.apikey.lookup").count()).isEqualTo(lookups);
    }

    /** Within the unlisted-lookup budget (see KnownKeysTest for what lies beyond it). */
    @Test
    void unknownWellFormedKeyIsLookedUpOnceThenRememberedBriefly() {
        String unknown = dev.apigw.keycore.KeyFormat.defaults().generate().value();
        cache.invalidateAll(); // no cached key of another test may be re-checked meanwhile
        long lookups = meters.timer("gateway.auth.apikey.lookup").count();

        for (int i = 0; i < 5; i++) {
            client.get()
                    .uri("/api/x")
                    .header("x-api-key", unknown)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }

        assertThat(meters.timer("gateway.auth.apikey.lookup").count()).isEqualTo(lookups + 1);
    }

    @Test
    void useIsWrittenToLastUsedInABatch() {
        StoredKey key = KEYS.key();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(status(key)).isEqualTo(200);

        lastUsed.flush().block(Duration.ofSeconds(5));

        assertThat(KEYS.lastUsed(key.id())).isAfter(before);
    }

    private int status(StoredKey key) {
        return client.get()
                .uri("/api/orders")
                .header("x-api-key", key.value())
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
