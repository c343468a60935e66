package dev.apigw.keyadmin.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import dev.apigw.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ApiKeyLifecycleIT extends IntegrationTest {

    @Nested
    class Generate201 {

        @Test
        void aNewKeyIsNotifiedWithItsHashSoThatGatewaysListItAtOnce() throws Exception {
            UserSession user = newUser();
            try (Connection listener = TestDatabase.get().openConnection()) {
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN api_key_changes");
                }
                String key = read(generateKey(user, "{}"), "$.key_value");

                expectNotified(listener, KeyHasher.hash(key));
            }
        }

        @Test
        void keyIsShownOnceWithItsPrefixAndExpiry() {
            UserSession user = newUser();

            String body = generateKey(user, "{\"description\":\"billing sync\",\"expires_in_days\":30}");

            String key = read(body, "$.key_value");
            assertThat(KeyFormat.defaults().check(key).isWellFormed()).isTrue();
            assertThat((String) read(body, "$.display_prefix")).isEqualTo(key.substring(0, 10));
            assertThat((String) read(body, "$.description")).isEqualTo("billing sync");
            assertThat(Instant.parse(read(body, "$.expires_at")))
                    .isEqualTo(
                            Instant.parse((String) read(body, "$.created_at")).plus(Duration.ofDays(30)));
        }

        @Test
        void bodyIsOptional() {
            UserSession user = newUser();

            client.post()
                    .uri("/api/auth/apikey/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.expires_at")
                    .isEmpty();
        }

        @Test
        void keyValueIsNowhereInTheDatabaseOnlyItsHash() throws Exception {
            UserSession user = newUser();
            String key = read(generateKey(user, "{\"description\":\"scan me\"}"), "$.key_value");

            String everything = dumpAllTables();

            assertThat(everything).doesNotContain(key);
            assertThat(everything).doesNotContain(key.substring(10, 30));
            assertThat(everything).contains(KeyHasher.hash(key));
        }

        @Test
        void listingNeverShowsKeyValues() {
            UserSession user = newUser();
            String key = read(generateKey(user, "{}"), "$.key_value");

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(list -> assertThat(list)
                            .doesNotContain(key)
                            .doesNotContain("key_value")
                            .doesNotContain(KeyHasher.hash(key))
                            .contains("\"status\":\"ACTIVE\""));
        }

        @Test
        void listingShowsOnlyTheCallersKeys() {
            UserSession alice = newUser();
            UserSession bob = newUser();
            generateKey(alice, "{}");
            String bobsKeyId = read(generateKey(bob, "{}"), "$.id");

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(alice.token()))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(1)
                    .jsonPath("$[0].user_id")
                    .isEqualTo(alice.id())
                    .jsonPath("$[?(@.id == '" + bobsKeyId + "')]")
                    .doesNotExist();
        }
    }

    @Nested
    class Generate400And409 {

        @Test
        void tooLongDescriptionIsRejectedAndNothingIsWritten() throws Exception {
            UserSession user = newUser();

            client.post()
                    .uri("/api/auth/apikey/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue("{\"description\":\"" + "d".repeat(201) + "\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d -> assertThat((String) d).contains("description"));

            assertThat(keyCount(user.id())).isZero();
        }

        @Test
        void nonPositiveOrTooLongExpiryIsRejected() {
            UserSession user = newUser();
            for (String days : List.of("0", "-1", "3651", "\"ten\"", "1.5")) {
                client.post()
                        .uri("/api/auth/apikey/generate")
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> h.setBearerAuth(user.token()))
                        .bodyValue("{\"expires_in_days\":" + days + "}")
                        .exchange()
                        .expectStatus()
                        .isBadRequest();
            }
        }

        @Test
        void activeKeyLimitIsEnforced() throws Exception {
            UserSession user = newUser();
            for (int i = 0; i < 50; i++) {
                generateKey(user, "{}");
            }

            client.post()
                    .uri("/api/auth/apikey/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("key-limit-reached");
            assertThat(keyCount(user.id())).isEqualTo(50);
        }
    }

    @Nested
    class Revoke {

        @Test
        void revokeIs204AndIdempotent() {
            UserSession user = newUser();
            String id = read(generateKey(user, "{}"), "$.id");

            revoke(user, id).expectStatus().isNoContent();
            revoke(user, id).expectStatus().isNoContent();

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].revoked")
                    .isEqualTo(true)
                    .jsonPath("$[0].status")
                    .isEqualTo("REVOKED")
                    .jsonPath("$[0].revoked_at")
                    .isNotEmpty();
        }

        @Test
        void someoneElsesKeyIs404AndStaysActive() throws Exception {
            UserSession alice = newUser();
            UserSession mallory = newUser();
            String id = read(generateKey(alice, "{}"), "$.id");

            revoke(mallory, id)
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("not-found");
            revoke(mallory, UUID.randomUUID().toString()).expectStatus().isNotFound();

            assertThat(isRevoked(id)).isFalse();
        }

        @Test
        void idThatIsNotAUuidIs400() {
            UserSession user = newUser();

            revoke(user, "1 OR 1=1").expectStatus().isBadRequest();
            revoke(user, "123").expectStatus().isBadRequest();
        }

        @Test
        void revocationIsNotifiedOnTheDocumentedChannelWithTheKeyHash() throws Exception {
            UserSession user = newUser();
            String body = generateKey(user, "{}");
            String key = read(body, "$.key_value");

            try (Connection listener = TestDatabase.get().openConnection()) {
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN api_key_changes");
                }
                revoke(user, read(body, "$.id")).expectStatus().isNoContent();

                expectNotified(listener, KeyHasher.hash(key));
            }
        }

        private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec revoke(
                UserSession user, String id) {
            return client.delete()
                    .uri("/api/auth/apikey/" + id)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange();
        }
    }

    @Nested
    class Rotate {

        @Test
        void oldKeyWorksUntilGraceEndsThenExpires() {
            UserSession user = newUser();
            String oldId = read(generateKey(user, "{\"description\":\"ci\"}"), "$.id");

            byte[] body = rotate(user, oldId, "{\"grace_period_seconds\":3600}")
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();

            String newKey = read(body, "$.new_key.key_value");
            assertThat(KeyFormat.defaults().check(newKey).isWellFormed()).isTrue();
            assertThat((String) read(body, "$.new_key.description")).isEqualTo("ci");
            assertThat((String) read(body, "$.previous_key.status")).isEqualTo("ACTIVE");
            assertThat(Instant.parse(read(body, "$.previous_key.expires_at")))
                    .isEqualTo(clock.instant().plusSeconds(3600));

            clock.advance(Duration.ofSeconds(3599));
            assertThat(statusOf(user, oldId)).isEqualTo("ACTIVE");
            clock.advance(Duration.ofSeconds(1));
            assertThat(statusOf(user, oldId)).isEqualTo("EXPIRED");
            assertThat(statusOf(user, read(body, "$.new_key.id"))).isEqualTo("ACTIVE");
        }

        @Test
        void graceNeverExtendsAnEarlierExpiry() {
            UserSession user = newUser();
            String oldId = read(generateKey(user, "{\"expires_in_days\":1}"), "$.id");

            byte[] body = rotate(user, oldId, "{\"grace_period_seconds\":172800}")
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();

            assertThat(Instant.parse(read(body, "$.previous_key.expires_at")))
                    .isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        }

        @Test
        void defaultGraceIs24Hours() {
            UserSession user = newUser();
            String oldId = read(generateKey(user, "{}"), "$.id");

            client.post()
                    .uri("/api/auth/apikey/" + oldId + "/rotate")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.previous_key.expires_at")
                    .isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
        }

        @Test
        void graceAboveTheMaximumIs400AndNothingChanges() throws Exception {
            UserSession user = newUser();
            String oldId = read(generateKey(user, "{}"), "$.id");

            rotate(user, oldId, "{\"grace_period_seconds\":2592001}")
                    .expectStatus()
                    .isBadRequest();
            rotate(user, oldId, "{\"grace_period_seconds\":-1}").expectStatus().isBadRequest();

            assertThat(keyCount(user.id())).isEqualTo(1);
        }

        @Test
        void revokedOrAlreadyRotatedKeyIs409() {
            UserSession user = newUser();
            String revokedId = read(generateKey(user, "{}"), "$.id");
            client.delete()
                    .uri("/api/auth/apikey/" + revokedId)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            String rotatedId = read(generateKey(user, "{}"), "$.id");
            rotate(user, rotatedId, "{}").expectStatus().isCreated();

            rotate(user, revokedId, "{}").expectStatus().isEqualTo(409);
            rotate(user, rotatedId, "{}").expectStatus().isEqualTo(409);
        }

        @Test
        void someoneElsesKeyIs404() {
            UserSession alice = newUser();
            UserSession mallory = newUser();
            String id = read(generateKey(alice, "{}"), "$.id");

            rotate(mallory, id, "{}").expectStatus().isNotFound();
        }

        private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec rotate(
                UserSession user, String id, String json) {
            return client.post()
                    .uri("/api/auth/apikey/" + id + "/rotate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue(json)
                    .exchange();
        }

        private String statusOf(UserSession user, String id) {
            String token = login(user.username(), PASSWORD); // the clock may have outrun the old token
            byte[] list = client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            List<String> statuses = read(list, "$[?(@.id == '" + id + "')].status");
            return statuses.get(0);
        }
    }

    static String dumpAllTables() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = TestDatabase.get().openConnection();
                Statement statement = connection.createStatement()) {
            for (String table : List.of("users", "api_keys", "audit_events")) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        dump.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    static long keyCount(String userId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM api_keys WHERE user_id = '" + UUID.fromString(userId) + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static boolean isRevoked(String keyId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT revoked FROM api_keys WHERE id = '" + UUID.fromString(keyId) + "'")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
