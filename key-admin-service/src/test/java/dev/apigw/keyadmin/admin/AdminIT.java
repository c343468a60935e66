package dev.apigw.keyadmin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class AdminIT extends IntegrationTest {

    @Nested
    class Status200 {

        @Test
        void adminListsKeysFilteredByUserAndRevocationWithPagination() {
            UserSession user = newUser();
            String first = read(generateKey(user, "{}"), "$.id");
            generateKey(user, "{}");
            generateKey(user, "{}");
            client.delete()
                    .uri("/api/auth/apikey/" + first)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            String admin = adminToken();

            client.get()
                    .uri("/api/admin/apikeys?user_id={u}&size=2&page=0", user.id())
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(3)
                    .jsonPath("$.items.length()")
                    .isEqualTo(2)
                    .jsonPath("$.size")
                    .isEqualTo(2);
            client.get()
                    .uri("/api/admin/apikeys?user_id={u}&size=2&page=1", user.id())
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.items.length()")
                    .isEqualTo(1);
            client.get()
                    .uri("/api/admin/apikeys?user_id={u}&revoked=true", user.id())
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].id")
                    .isEqualTo(first);
        }

        @Test
        void adminRevokesAnotherUsersKey() {
            UserSession user = newUser();
            String id = read(generateKey(user, "{}"), "$.id");

            client.delete()
                    .uri("/api/admin/apikeys/" + id)
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].status")
                    .isEqualTo("REVOKED");
        }

        @Test
        void auditLogRecordsWhoDidWhatWithTheRequestId() {
            UserSession user = newUser();
            String id = read(generateKey(user, "{}"), "$.id");
            client.delete()
                    .uri("/api/auth/apikey/" + id)
                    .header("X-Request-Id", "audit-req-1")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            byte[] page = client.get()
                    .uri("/api/admin/audit?size=200")
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();

            List<Map<String, Object>> revoked = read(page, "$.items[?(@.request_id == 'audit-req-1')]");
            assertThat(revoked).singleElement().satisfies(event -> {
                assertThat(event)
                        .containsEntry("action", "KEY_REVOKED")
                        .containsEntry("actor_id", user.id())
                        .containsEntry("target_id", id);
            });
        }
    }

    @Nested
    class Status201And409 {

        @Test
        void adminCreatesAUserWhoCanLogIn() {
            client.post()
                    .uri("/api/admin/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .bodyValue(Map.of("username", "new-admin-1", "password", PASSWORD, "role", "ADMIN"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.role")
                    .isEqualTo("ADMIN")
                    .jsonPath("$.password_hash")
                    .doesNotExist()
                    .jsonPath("$.password")
                    .doesNotExist();

            assertThat(login("new-admin-1", PASSWORD)).isNotBlank();
        }

        @Test
        void duplicateUserNameIs409() {
            UserSession user = newUser();

            client.post()
                    .uri("/api/admin/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .bodyValue(Map.of("username", user.username(), "password", PASSWORD, "role", "USER"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);
        }

        @Test
        void weakPasswordOrUnknownRoleIs400() {
            for (Map<String, String> body : List.of(
                    Map.of("username", "weak-1", "password", "short", "role", "USER"),
                    Map.of("username", "weak-2", "password", PASSWORD, "role", "ROOT"),
                    Map.of("username", "bad name!", "password", PASSWORD, "role", "USER"))) {
                client.post()
                        .uri("/api/admin/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> h.setBearerAuth(adminToken()))
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isBadRequest();
            }
        }
    }

    @Nested
    class Status400And404 {

        @ParameterizedTest
        @ValueSource(strings = {"size=0", "size=201", "page=-1", "revoked=maybe", "user_id=abc", "size=x"})
        void badListingParametersAre400(String query) {
            client.get()
                    .uri("/api/admin/apikeys?" + query)
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void revokingAMissingKeyIs404() {
            client.delete()
                    .uri("/api/admin/apikeys/00000000-0000-0000-0000-000000000000")
                    .headers(h -> h.setBearerAuth(adminToken()))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Nested
    class Status403 {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "GET /api/admin/apikeys",
                    "GET /api/admin/audit",
                    "POST /api/admin/users",
                    "DELETE /api/admin/apikeys/00000000-0000-0000-0000-000000000000"
                })
        void nonAdminIsForbidden(String endpoint) {
            UserSession user = newUser();
            String[] parts = endpoint.split(" ");

            client.method(HttpMethod.valueOf(parts[0]))
                    .uri(parts[1])
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue(Map.of("username", "x-" + user.username(), "password", PASSWORD, "role", "ADMIN"))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("forbidden");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/admin;x=1/apikeys",
                    "/api/admin;/apikeys",
                    "/api;a=b/admin/apikeys",
                    "/api/%61dmin/apikeys",
                    "/api/admin/apikeys;x=y",
                    "/api/ADMIN/apikeys",
                    "//api/admin/apikeys"
                })
        void pathTricksDoNotOpenTheAdminApiToANonAdmin(String path) {
            UserSession user = newUser();

            int status = client.get()
                    .uri(java.net.URI.create("http://localhost:" + port + path))
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();

            assertThat(status).as(path).isIn(400, 403, 404);
        }

        @Test
        void nonAdminCannotRevokeAnotherUsersKeyThroughTheAdminApi() throws Exception {
            UserSession alice = newUser();
            UserSession mallory = newUser();
            String id = read(generateKey(alice, "{}"), "$.id");

            client.delete()
                    .uri("/api/admin/apikeys/" + id)
                    .headers(h -> h.setBearerAuth(mallory.token()))
                    .exchange()
                    .expectStatus()
                    .isForbidden();

            client.get()
                    .uri("/api/auth/apikeys")
                    .headers(h -> h.setBearerAuth(alice.token()))
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].status")
                    .isEqualTo("ACTIVE");
        }
    }
}
