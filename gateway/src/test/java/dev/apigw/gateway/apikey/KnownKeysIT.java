package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The set of stored keys on the real database and its notifications, with no lookups allowed for
 * unlisted keys, so that every answer shows whether the set knew the key.
 */
@TestPropertySource(properties = "gateway.auth.api-key.unlisted-lookups-per-second=0")
class KnownKeysIT extends GatewayIntegrationTest {

    @Autowired
    KnownKeys known;

    @Autowired
    RevocationListener listener;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void loaded() {
        eventually(Duration.ofSeconds(10), "the stored keys are loaded", known::isCurrent);
    }

    @Test
    void randomWellFormedKeysAreRefusedWithoutALookup() {
        long lookups = meters.timer("gateway.auth.apikey.lookup").count();
        double refused = meters.counter("gateway.auth.apikey.unlisted.refused").count();
        KeyFormat format = KeyFormat.defaults();

        for (int i = 0; i < 20; i++) {
            client.get()
                    .uri("/api/x")
                    .header("x-api-key", format.generate().value())
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid-credentials");
        }

        assertThat(meters.counter("gateway.auth.apikey.unlisted.refused").count())
                .isEqualTo(refused + 20);
        assertThat(meters.timer("gateway.auth.apikey.lookup").count()).isEqualTo(lookups);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void aNewKeyIsListedByItsNotificationAndWorks() {
        StoredKey key = KEYS.key();

        eventually(Duration.ofSeconds(5), "the new key is listed", () -> known.admits(KeyHasher.hash(key.value())));
        assertThat(status(key)).isEqualTo(200);
    }

    @Test
    void aKeyWhoseNoticeWasLostIsListedWhenTheListenerReconnects() {
        StoredKey missed;
        KEYS.execute("ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify_insert");
        try {
            missed = KEYS.key();
        } finally {
            KEYS.execute("ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify_insert");
        }
        assertThat(status(missed))
                .as("not listed, and no lookup allowed for unlisted keys")
                .isEqualTo(401);
        double reconnects = meters.counter("gateway.auth.revocation.reconnects").count();

        KEYS.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                        + " AND datname = current_database()",
                RevocationListener.APPLICATION_NAME);

        eventually(
                Duration.ofSeconds(10),
                "the listener reconnects and reloads the stored keys",
                () -> meters.counter("gateway.auth.revocation.reconnects").count() > reconnects && known.isCurrent());
        assertThat(status(missed)).isEqualTo(200);
    }

    @Test
    void whileTheSetIsNotCurrentEveryKeyIsLookedUp() {
        String unknown = KeyFormat.defaults().generate().value();
        long lookups = meters.timer("gateway.auth.apikey.lookup").count();
        known.stale();
        try {
            client.get()
                    .uri("/api/x")
                    .header("x-api-key", unknown)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
            // The lookup's timer is recorded as its query finishes, which may be just after the answer.
            eventually(
                    Duration.ofSeconds(5),
                    "the key is looked up",
                    () -> meters.timer("gateway.auth.apikey.lookup").count() > lookups);
        } finally {
            known.loaded();
        }
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
