package dev.apigw.keyadmin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #22 §2, "lock a user out everywhere, at once": the admin API lists, disables, enables, deletes
 * users, changes their role and resets their password; every lock-out sets {@code tokens_not_before},
 * which this service (and every gateway) holds tokens against.
 */
class UserAdminIT extends IntegrationTest {

    @Nested
    class Status200 {

        @Test
        void listsUsersFilteredByNameRoleAndStatusPagedAndWithoutPasswordHashes() {
            String tag = "lst" + UUID.randomUUID().toString().substring(0, 6);
            createUser(tag + "-alice", "USER");
            String bob = createUser(tag + "-bob", "USER");
            createUser(tag + "-carol", "ADMIN");
            String dave = createUser(tag + "-dave", "USER");
            String admin = adminToken();
            send(HttpMethod.POST, "/api/admin/users/" + bob + "/disable", admin, null)
                    .expectStatus()
                    .isNoContent();
            send(HttpMethod.DELETE, "/api/admin/users/" + dave, admin, null)
                    .expectStatus()
                    .isNoContent();

            String all = list(admin, "name=" + tag.toUpperCase(java.util.Locale.ROOT));
            assertThat((Integer) read(all, "$.total")).isEqualTo(3);
            assertThat(all).doesNotContain("password").doesNotContain("$2a$").doesNotContain(dave);
            assertThat((List<String>) read(list(admin, "name=" + tag + "&role=ADMIN"), "$.items[*].username"))
                    .containsExactly(tag + "-carol");
            String disabled = list(admin, "name=" + tag + "&status=disabled");
            assertThat((List<String>) read(disabled, "$.items[*].id")).containsExactly(bob);
            assertThat((List<String>) read(disabled, "$.items[*].status")).containsExactly("disabled");
            assertThat((List<String>) read(list(admin, "name=" + tag + "&status=active"), "$.items[*].username"))
                    .containsExactlyInAnyOrder(tag + "-alice", tag + "-carol");
            String page = list(admin, "name=" + tag + "&size=2&page=1");
            assertThat((Integer) read(page, "$.total")).isEqualTo(3);
            assertThat((List<Object>) read(page, "$.items")).hasSize(1);
        }

        @Test
        void readsOneUserAsAView() {
            UserSession user = newUser();

            client.get()
                    .uri("/api/admin/users/" + user.id())
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.username")
                    .isEqualTo(user.username())
                    .jsonPath("$.role")
                    .isEqualTo("USER")
                    .jsonPath("$.status")
                    .isEqualTo("active")
                    .jsonPath("$.enabled")
                    .isEqualTo(true)
                    .jsonPath("$.created_at")
                    .exists()
                    .jsonPath("$.password_hash")
                    .doesNotExist();
        }
    }

    @Nested
    class Disable {

        @Test
        void refusesTheUsersExistingTokenAndLoginSetsTokensNotBeforeAndIsAudited() throws Exception {
            UserSession user = newUser();
            assertThat(tokensNotBefore(user.id())).isNull();

            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/disable", adminToken(), null, "dis-1")
                    .expectStatus()
                    .isNoContent();

            assertThat(tokensNotBefore(user.id())).isEqualTo(nextSecond());
            assertThat(audit("dis-1")).containsExactly("USER_DISABLED " + adminId() + " " + user.id());
            expectTokenRefused(user.token());
            loginFails(user.username(), PASSWORD);
        }

        @Test
        void isIdempotent() throws Exception {
            UserSession user = newUser();
            String admin = adminToken();
            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/disable", admin, null, "dis-2a")
                    .expectStatus()
                    .isNoContent();
            Instant first = tokensNotBefore(user.id());

            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/disable", admin, null, "dis-2b")
                    .expectStatus()
                    .isNoContent();

            assertThat(tokensNotBefore(user.id())).isEqualTo(first);
            assertThat(audit("dis-2b")).isEmpty();
        }

        @Test
        void isNotifiedToGatewaysAsAUserChange() throws Exception {
            UserSession user = newUser();
            try (Connection listener = TestDatabase.get().openConnection()) {
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN api_key_changes");
                }
                send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/disable", adminToken(), null)
                        .expectStatus()
                        .isNoContent();

                expectNotified(listener, "user:" + user.id());
            }
        }

        @Test
        void enablingLetsTheUserLogInAgainButTokensFromBeforeStayRefused() throws Exception {
            UserSession user = newUser();
            String admin = adminToken();
            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/disable", admin, null)
                    .expectStatus()
                    .isNoContent();

            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/enable", admin, null, "ena-1")
                    .expectStatus()
                    .isNoContent();

            assertThat(audit("ena-1")).containsExactly("USER_ENABLED " + adminId() + " " + user.id());
            expectTokenRefused(user.token());
            expectTokenAccepted(login(user.username(), PASSWORD));
        }
    }

    @Nested
    class Delete {

        @Test
        void revokesAllKeysRefusesLoginAndTokensAndTheUserIs404Afterwards() throws Exception {
            UserSession user = newUser();
            generateKey(user, "{}");
            generateKey(user, "{}");
            String admin = adminToken();

            send(HttpMethod.DELETE, "/api/admin/users/" + user.id(), admin, null, "del-1")
                    .expectStatus()
                    .isNoContent();

            assertThat(count("SELECT count(*) FROM api_keys WHERE user_id = ? AND NOT revoked", user.id()))
                    .isZero();
            assertThat(count(
                            "SELECT count(*) FROM users WHERE id = ? AND NOT enabled AND deleted_at IS NOT NULL",
                            user.id()))
                    .isOne();
            assertThat(tokensNotBefore(user.id())).isEqualTo(nextSecond());
            assertThat(audit("del-1")).containsExactly("USER_DELETED " + adminId() + " " + user.id());
            expectTokenRefused(user.token());
            loginFails(user.username(), PASSWORD);
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.DELETE)) {
                send(method, "/api/admin/users/" + user.id(), admin, null)
                        .expectStatus()
                        .isNotFound();
            }
            send(HttpMethod.POST, "/api/admin/users/" + user.id() + "/enable", admin, null)
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Nested
    class RoleAndPassword {

        @Test
        void aRoleChangeRefusesEarlierTokensAndTheNewRoleHoldsAfterLoggingInAgain() throws Exception {
            UserSession user = newUser();

            send(
                            HttpMethod.PUT,
                            "/api/admin/users/" + user.id() + "/role",
                            adminToken(),
                            "{\"role\":\"ADMIN\"}",
                            "rol-1")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.role")
                    .isEqualTo("ADMIN");

            assertThat(tokensNotBefore(user.id())).isEqualTo(nextSecond());
            assertThat(audit("rol-1")).containsExactly("USER_ROLE_CHANGED " + adminId() + " " + user.id());
            expectTokenRefused(user.token());
            // Logged in within the same second as the change: issued at tokens_not_before, not refused.
            String fresh = login(user.username(), PASSWORD);
            client.get()
                    .uri("/api/admin/users/" + user.id())
                    .headers(h -> h.setBearerAuth(fresh))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        @Test
        void anAdminResetsAPasswordTheOldPasswordAndTokensAreRefusedTheNewWorksAtOnce() throws Exception {
            UserSession user = newUser();
            String next = "a brand new passphrase";

            send(
                            HttpMethod.POST,
                            "/api/admin/users/" + user.id() + "/password",
                            adminToken(),
                            "{\"password\":\"" + next + "\"}",
                            "pwr-1")
                    .expectStatus()
                    .isNoContent();

            assertThat(tokensNotBefore(user.id())).isEqualTo(nextSecond());
            assertThat(audit("pwr-1")).containsExactly("USER_PASSWORD_RESET " + adminId() + " " + user.id());
            expectTokenRefused(user.token());
            loginFails(user.username(), PASSWORD);
            expectTokenAccepted(login(user.username(), next));
        }

        @Test
        void aSecondChangeInTheSameSecondStillRefusesTokensIssuedBetweenTheTwo() throws Exception {
            UserSession user = newUser();
            String admin = adminToken();
            send(HttpMethod.PUT, "/api/admin/users/" + user.id() + "/role", admin, "{\"role\":\"ADMIN\"}", null)
                    .expectStatus()
                    .isOk();
            String between = login(user.username(), PASSWORD);
            expectTokenAccepted(between);

            send(HttpMethod.PUT, "/api/admin/users/" + user.id() + "/role", admin, "{\"role\":\"USER\"}", null)
                    .expectStatus()
                    .isOk();

            assertThat(tokensNotBefore(user.id())).isEqualTo(nextSecond().plusSeconds(1));
            expectTokenRefused(between);
            expectTokenAccepted(login(user.username(), PASSWORD));
        }

        @Test
        void theSameRoleAgainChangesNothing() throws Exception {
            UserSession user = newUser();

            send(HttpMethod.PUT, "/api/admin/users/" + user.id() + "/role", adminToken(), "{\"role\":\"USER\"}", null)
                    .expectStatus()
                    .isOk();

            assertThat(tokensNotBefore(user.id())).isNull();
            expectTokenAccepted(user.token());
        }
    }

    @Nested
    class Status409 {

        @Test
        void anAdminCannotDisableDeleteOrDemoteThemselves() throws Exception {
            String name = "self-" + UUID.randomUUID().toString().substring(0, 8);
            String id = createUser(name, "ADMIN");
            String token = login(name, PASSWORD);

            for (String[] call : List.of(
                    new String[] {"POST", "/api/admin/users/" + id + "/disable", null},
                    new String[] {"DELETE", "/api/admin/users/" + id, null},
                    new String[] {"PUT", "/api/admin/users/" + id + "/role", "{\"role\":\"USER\"}"})) {
                send(HttpMethod.valueOf(call[0]), call[1], token, call[2], null)
                        .expectStatus()
                        .isEqualTo(409)
                        .expectBody()
                        .jsonPath("$.code")
                        .isEqualTo("conflict")
                        .jsonPath("$.detail")
                        .value(detail -> assertThat((String) detail).contains("their own account"));
            }

            assertThat(tokensNotBefore(id)).isNull();
            assertThat(count(
                            "SELECT count(*) FROM users WHERE id = ? AND enabled AND deleted_at IS NULL"
                                    + " AND role = 'ADMIN'",
                            id))
                    .isOne();
            expectTokenAccepted(token);
        }
    }

    @Nested
    class Status400And404 {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "PUT role {\"role\":\"ROOT\"}",
                    "PUT role {}",
                    "PUT role {\"role\":\"ADMIN\\u0000\"}",
                    "PUT role {\"role\":\"ADMIN\",\"enabled\":true}",
                    "POST password {\"password\":\"short\"}",
                    "POST password {\"password\":\"correct horse\\u0000battery\"}",
                    "POST password {\"password\":\"correct horse\\u001bbattery\"}",
                    "POST password {}"
                })
        void badBodiesAre400AndChangeNothing(String call) throws Exception {
            UserSession user = newUser();
            String[] parts = call.split(" ", 3);

            send(
                            HttpMethod.valueOf(parts[0]),
                            "/api/admin/users/" + user.id() + "/" + parts[1],
                            adminToken(),
                            parts[2],
                            null)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(tokensNotBefore(user.id())).isNull();
            expectTokenAccepted(user.token());
        }

        @Test
        void aNulInAPasswordIsNamedInTheDetail() {
            UserSession user = newUser();

            send(
                            HttpMethod.POST,
                            "/api/admin/users/" + user.id() + "/password",
                            adminToken(),
                            "{\"password\":\"correct horse\\u0000battery\"}",
                            null)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("password: must not contain control characters.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"status=gone", "role=ROOT", "name=a%00b", "name=a%20b", "size=0", "page=-1"})
        void badListingParametersAre400(String query) {
            client.get()
                    .uri("/api/admin/users?" + query)
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "GET /api/admin/users/00000000-0000-0000-0000-000000000000",
                    "POST /api/admin/users/00000000-0000-0000-0000-000000000000/disable",
                    "POST /api/admin/users/00000000-0000-0000-0000-000000000000/enable",
                    "DELETE /api/admin/users/00000000-0000-0000-0000-000000000000",
                })
        void anUnknownUserIs404(String endpoint) {
            String[] parts = endpoint.split(" ");

            send(HttpMethod.valueOf(parts[0]), parts[1], adminToken(), null)
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Nested
    class Status403 {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "GET /api/admin/users",
                    "GET /api/admin/users/{id}",
                    "POST /api/admin/users/{id}/disable",
                    "POST /api/admin/users/{id}/enable",
                    "DELETE /api/admin/users/{id}",
                    "PUT /api/admin/users/{id}/role",
                    "POST /api/admin/users/{id}/password"
                })
        void aUserCannotUseTheUserAdministration(String endpoint) throws Exception {
            UserSession victim = newUser();
            UserSession mallory = newUser();
            String[] parts = endpoint.replace("{id}", victim.id()).split(" ");

            client.method(HttpMethod.valueOf(parts[0]))
                    .uri(parts[1])
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(mallory.token()))
                    .bodyValue(Map.of("role", "ADMIN", "password", "mallory's own password"))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("forbidden");

            assertThat(tokensNotBefore(victim.id())).isNull();
            expectTokenAccepted(victim.token());
        }
    }

    private String list(String admin, String query) {
        byte[] body = client.get()
                .uri("/api/admin/users?" + query)
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String token, @Nullable String json) {
        return send(method, path, token, json, null);
    }

    private WebTestClient.ResponseSpec send(
            HttpMethod method, String path, String token, @Nullable String json, @Nullable String requestId) {
        WebTestClient.RequestBodySpec request = client.method(method)
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .headers(h -> {
                    if (requestId != null) {
                        h.set("X-Request-Id", requestId + "-" + UUID.randomUUID());
                    }
                });
        return json == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json)
                        .exchange();
    }

    /** The user's own listing: 200 with a valid token, 401 otherwise. */
    private void expectTokenAccepted(String token) {
        client.get()
                .uri("/api/auth/apikeys")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private void loginFails(String username, String password) {
        client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid-credentials");
    }

    private Instant nextSecond() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static String adminId() throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement query = connection.prepareStatement("SELECT id FROM users WHERE username = ?")) {
            query.setString(1, ADMIN);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    static @Nullable Instant tokensNotBefore(String userId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT tokens_not_before FROM users WHERE id = ?")) {
            query.setObject(1, UUID.fromString(userId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        }
    }

    /** "ACTION actor target" of the audit events whose request id starts with {@code requestId}. */
    static List<String> audit(String requestId) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement query = connection.prepareStatement("SELECT action, actor_id, target_id"
                        + " FROM audit_events WHERE request_id LIKE ? ORDER BY id")) {
            query.setString(1, requestId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
        }
        return events;
    }

    private static long count(String sql, String userId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(userId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
