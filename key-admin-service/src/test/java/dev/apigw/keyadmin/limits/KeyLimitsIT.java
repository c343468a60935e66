package dev.apigw.keyadmin.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keycore.KeyHasher;
import dev.apigw.keycore.limits.LimitKeys;
import dev.apigw.keycore.limits.QuotaPeriod;
import dev.apigw.testsupport.TestDatabase;
import dev.apigw.testsupport.TestRedis;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A key's own limits through the admin API, and its usage read from the gateways' Redis counters (#23). */
class KeyLimitsIT extends IntegrationTest {

    private static final TestRedis REDIS = TestRedis.get();
    private static final String LIMITS =
            "{\"rate\":{\"limit\":50,\"window_seconds\":1,\"burst\":100},\"quota\":{\"limit\":1000,\"period\":\"daily\"}}";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("key-admin.rate-limit.store", () -> "redis");
        registry.add("key-admin.rate-limit.key-prefix", REDIS::prefix);
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(
            String token, String keyId, String json) {
        return client.put()
                .uri("/api/admin/apikeys/{id}/limits", keyId)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue(json)
                .exchange();
    }

    @Test
    void anAdminSetsAKeysLimitsAuditedAndNotifiedToEveryGateway() throws Exception {
        UserSession user = newUser();
        String created = generateKey(user, "{}");
        String keyId = read(created, "$.id");
        try (Connection listener = TestDatabase.get().openConnection()) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN api_key_changes");
            }

            put(adminToken(), keyId, LIMITS)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.rate.limit")
                    .isEqualTo(50)
                    .jsonPath("$.rate.burst")
                    .isEqualTo(100)
                    .jsonPath("$.quota.period")
                    .isEqualTo("daily");

            expectNotified(listener, KeyHasher.hash(read(created, "$.key_value")));
        }
        assertThat(auditActions(keyId)).contains("KEY_LIMITS_SET");

        client.delete()
                .uri("/api/admin/apikeys/{id}/limits", keyId)
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rate")
                .isEmpty()
                .jsonPath("$.quota")
                .isEmpty();
        assertThat(auditActions(keyId)).contains("KEY_LIMITS_REMOVED");
    }

    @Test
    void onlyAnAdminSetsLimits() {
        UserSession user = newUser();
        String keyId = read(generateKey(user, "{}"), "$.id");
        put(user.token(), keyId, LIMITS).expectStatus().isForbidden();
        put(adminToken(), UUID.randomUUID().toString(), LIMITS).expectStatus().isNotFound();
    }

    @Test
    void limitsOutOfRangeAreRefusedAndNothingIsWritten() {
        UserSession user = newUser();
        String keyId = read(generateKey(user, "{}"), "$.id");
        String admin = adminToken();
        put(admin, keyId, "{\"rate\":{\"limit\":0,\"window_seconds\":1}}")
                .expectStatus()
                .isBadRequest();
        put(admin, keyId, "{\"rate\":{\"limit\":5,\"window_seconds\":0}}")
                .expectStatus()
                .isBadRequest();
        put(admin, keyId, "{\"quota\":{\"limit\":5,\"period\":\"weekly\"}}")
                .expectStatus()
                .isBadRequest();
        put(admin, keyId, "{\"rate\":{\"limit\":5}}").expectStatus().isBadRequest();
        assertThat(auditActions(keyId)).doesNotContain("KEY_LIMITS_SET");
    }

    @Test
    void theOwnerSeesLimitsAndWhatTheGatewaysCountedInTheCurrentWindow() {
        UserSession user = newUser();
        String keyId = read(generateKey(user, "{}"), "$.id");
        put(adminToken(), keyId, LIMITS).expectStatus().isOk();
        String counter = new LimitKeys(REDIS.prefix()).counter(LimitKeys.keyCaller(UUID.fromString(keyId)), "daily");
        REDIS.command("HSET", counter, "w", Long.toString(QuotaPeriod.DAILY.windowId(clock.instant())), "n", "7");

        client.get()
                .uri("/api/auth/apikey/{id}/usage", keyId)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.limits.quota.limit")
                .isEqualTo(1000)
                .jsonPath("$.usage[0].period")
                .isEqualTo("daily")
                .jsonPath("$.usage[0].used")
                .isEqualTo(7)
                .jsonPath("$.remaining")
                .isEqualTo(993)
                .jsonPath("$.usage_available")
                .isEqualTo(true);

        UserSession other = newUser();
        client.get()
                .uri("/api/auth/apikey/{id}/usage", keyId)
                .headers(h -> h.setBearerAuth(other.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aCounterOfAnEarlierWindowCountsAsNothingUsed() {
        UserSession user = newUser();
        String keyId = read(generateKey(user, "{}"), "$.id");
        put(adminToken(), keyId, "{\"quota\":{\"limit\":10,\"period\":\"monthly\"}}")
                .expectStatus()
                .isOk();
        String counter = new LimitKeys(REDIS.prefix()).counter(LimitKeys.keyCaller(UUID.fromString(keyId)), "monthly");
        REDIS.command(
                "HSET", counter, "w", Long.toString(QuotaPeriod.MONTHLY.windowId(clock.instant()) - 1), "n", "10");

        client.get()
                .uri("/api/auth/apikey/{id}/usage", keyId)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.usage[0].used")
                .isEqualTo(0)
                .jsonPath("$.remaining")
                .isEqualTo(10);
    }

    private static java.util.List<String> auditActions(String keyId) {
        try (Connection connection = TestDatabase.get().openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT action FROM audit_events WHERE target_id = '" + UUID.fromString(keyId) + "'")) {
            java.util.List<String> actions = new java.util.ArrayList<>();
            while (rows.next()) {
                actions.add(rows.getString(1));
            }
            return actions;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
