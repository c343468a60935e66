package dev.apigw.keyadmin.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keycore.KeyHasher;
import dev.apigw.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #24, scopes in key-admin-service: admins grant users scopes; a key carries a subset of its
 * owner's, never more (not through the create body, not through rotation); tokens carry the user's
 * scopes; taking a scope away reaches every gateway through the change channel.
 */
class ScopesIT extends IntegrationTest {

    @Nested
    class Status200 {

        @Test
        void anAdminGrantsScopesAuditedAndShownSorted() {
            UserSession user = newUser();
            String requestId = "scopes-" + UUID.randomUUID();

            client.put()
                    .uri("/api/admin/users/" + user.id() + "/scopes")
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .header("X-Request-Id", requestId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"scopes\":[\"orders:write\",\"orders:read\",\"orders:read\"]}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.scopes")
                    .isEqualTo(List.of("orders:read", "orders:write"));

            String page = new String(
                    client.get()
                            .uri("/api/admin/audit?size=200")
                            .headers(h -> h.setBearerAuth(adminToken()))
                            .exchange()
                            .expectBody()
                            .returnResult()
                            .getResponseBody(),
                    StandardCharsets.UTF_8);
            List<Map<String, Object>> events = read(page, "$.items[?(@.request_id == '" + requestId + "')]");
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event).containsEntry("action", "USER_SCOPES_CHANGED");
                assertThat(event).containsEntry("detail", "[] -> [orders:read orders:write]");
            });
        }

        @Test
        void aKeyCarriesTheScopesAskedForAndListingsShowThem() {
            UserSession user = userWith("orders:read", "orders:write");

            String created = generateKey(user, "{\"scopes\":[\"orders:read\"]}");

            assertThat((List<String>) read(created, "$.scopes")).containsExactly("orders:read");
            assertThat((List<String>) read(list(user), "$[0].scopes")).containsExactly("orders:read");
        }

        @Test
        void aKeyAskedForWithoutScopesGetsNoneNotItsOwnersScopes() {
            UserSession user = userWith("orders:read");

            String created = generateKey(user, "{}");

            assertThat((List<String>) read(created, "$.scopes")).isEmpty();
        }

        @Test
        void tokensCarryTheUsersScopesSpaceSeparated() {
            UserSession user = userWith("orders:write", "orders:read");

            String token = login(user.username(), PASSWORD);

            assertThat(claims(token)).contains("\"scope\":\"orders:read orders:write\"");
            assertThat(claims(newUser().token())).doesNotContain("\"scope\"");
        }

        @Test
        void aRotatedKeyKeepsItsScopes() {
            UserSession user = userWith("orders:read", "orders:write");
            String id = read(generateKey(user, "{\"scopes\":[\"orders:read\",\"orders:write\"]}"), "$.id");

            byte[] rotated = rotate(user, id, "{}")
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();

            assertThat((List<String>) read(rotated, "$.new_key.scopes")).containsExactly("orders:read", "orders:write");
        }
    }

    @Nested
    class Status400 {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Orders:read",
                    "orders:read ",
                    " orders:read",
                    "orders: read",
                    "orders:*",
                    "",
                    "orders::read",
                    "orders:read\\u0000",
                    "ordérs:read"
                })
        void caseAndWhitespaceTricksInScopeNamesAreRefusedNotNormalised(String name) {
            UserSession user = userWith("orders:read");
            String body = "{\"scopes\":[\"" + name + "\"]}";

            client.post()
                    .uri("/api/auth/apikey/generate")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid-request");
            send(HttpMethod.PUT, "/api/admin/users/" + user.id() + "/scopes", adminToken(), body)
                    .expectStatus()
                    .isBadRequest();
            assertThat((List<Object>) read(list(user), "$")).isEmpty();
        }

        @Test
        void rotationCannotBeAskedForScopes() {
            UserSession user = userWith("orders:read", "orders:write");
            String id = read(generateKey(user, "{\"scopes\":[\"orders:read\"]}"), "$.id");

            rotate(user, id, "{\"scopes\":[\"orders:read\",\"orders:write\"]}")
                    .expectStatus()
                    .isBadRequest();

            assertThat((List<List<String>>) read(list(user), "$[*].scopes")).containsExactly(List.of("orders:read"));
        }
    }

    @Nested
    class Status403 {

        @Test
        void aKeyCannotBeGivenAScopeItsOwnerDoesNotHoldAndNothingIsCreated() {
            UserSession user = userWith("orders:read");

            client.post()
                    .uri("/api/auth/apikey/generate")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"scopes\":[\"orders:read\",\"orders:write\",\"admin:all\"]}")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("scope-not-held")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains("admin:all orders:write"));

            assertThat((List<Object>) read(list(user), "$")).isEmpty();
        }

        @Test
        void aRotationDoesNotBringBackAScopeTakenFromTheOwner() {
            UserSession user = userWith("orders:read", "orders:write");
            String id = read(generateKey(user, "{\"scopes\":[\"orders:read\",\"orders:write\"]}"), "$.id");
            setScopes(user.id(), "orders:read");
            String token = login(user.username(), PASSWORD);

            String rotated = new String(
                    rotate(new UserSession(user.id(), user.username(), token), id, "{}")
                            .expectStatus()
                            .isCreated()
                            .expectBody()
                            .returnResult()
                            .getResponseBody(),
                    StandardCharsets.UTF_8);

            assertThat((List<String>) read(rotated, "$.new_key.scopes")).containsExactly("orders:read");
        }

        @Test
        void onlyAnAdminSetsScopes() {
            UserSession user = newUser();

            send(HttpMethod.PUT, "/api/admin/users/" + user.id() + "/scopes", user.token(), "{\"scopes\":[\"a:b\"]}")
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Nested
    class TakingAScopeAway {

        @Test
        void refusesTokensIssuedBeforeAndNotifiesTheUserAndEachOfTheirKeys() throws Exception {
            UserSession user = userWith("orders:read", "orders:write");
            String token = login(user.username(), PASSWORD);
            String key = read(generateKey(user, "{\"scopes\":[\"orders:write\"]}"), "$.key_value");
            try (Connection listener = TestDatabase.get().openConnection()) {
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN api_key_changes");
                }

                setScopes(user.id(), "orders:read");

                expectNotified(listener, List.of("user:" + user.id(), KeyHasher.hash(key)));
            }
            expectTokenRefused(token);
        }

        @Test
        void grantingAScopeRefusesNoToken() {
            UserSession user = userWith("orders:read");
            String token = login(user.username(), PASSWORD);

            setScopes(user.id(), "orders:read", "orders:write");

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    /** A fresh USER holding {@code scopes}, with a token issued after the grant. */
    private UserSession userWith(String... scopes) {
        UserSession user = newUser();
        setScopes(user.id(), scopes);
        return new UserSession(user.id(), user.username(), login(user.username(), PASSWORD));
    }

    private void setScopes(String userId, String... scopes) {
        StringBuilder json = new StringBuilder("{\"scopes\":[");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        send(
                        HttpMethod.PUT,
                        "/api/admin/users/" + userId + "/scopes",
                        adminToken(),
                        json.append("]}").toString())
                .expectStatus()
                .isOk();
    }

    private String list(UserSession user) {
        return new String(
                client.get()
                        .uri("/api/auth/apikeys")
                        .headers(h -> h.setBearerAuth(user.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec rotate(UserSession user, String keyId, String json) {
        return send(HttpMethod.POST, "/api/auth/apikey/" + keyId + "/rotate", user.token(), json);
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String token, @Nullable String json) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).headers(h -> h.setBearerAuth(token));
        return json == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json)
                        .exchange();
    }

    /** Every one of {@code payloads} arrives on the LISTENing connection within 5 s. */
    private static void expectNotified(Connection listener, List<String> payloads) throws Exception {
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!received.containsAll(payloads) && System.nanoTime() < deadline) {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(200);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    received.add(notification.getParameter());
                }
            }
        }
        assertThat(received).as("notices within 5 s").containsAll(payloads);
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
