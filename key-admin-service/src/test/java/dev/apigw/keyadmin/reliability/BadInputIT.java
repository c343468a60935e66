package dev.apigw.keyadmin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Hostile bodies at key-admin-service: a clear 4xx problem, never a 5xx, and nothing written. */
class BadInputIT extends IntegrationTest {

    @Autowired
    private DatabaseClient db;

    @Test
    void deeplyNestedJsonIs400() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        UserSession user = newUser();

        client.post()
                .uri("/api/auth/apikey/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue("{\"description\":" + nested + "}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(listedKeys(user)).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"description\":\"line\\u0000break\"}",
                "{\"description\":\"bell\\u0007\"}",
                "{\"description\":\"esc\\u001b[31m\"}"
            })
    void controlCharactersInADescriptionAre400(String body) {
        UserSession user = newUser();

        client.post()
                .uri("/api/auth/apikey/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(listedKeys(user)).isZero();
    }

    /** Issue #22: a NUL reached PostgreSQL, which refused it: a 500 and a stack trace in the log. */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class NulInATextField {

        @Test
        void ofALoginIs400AndLogsNoStackTrace(CapturedOutput output) {
            refused(
                    client.post().uri("/api/auth/login"),
                    null,
                    "{\"username\":\"admin\\u0000\",\"password\":\"some password\"}",
                    "username");
            refused(
                    client.post().uri("/api/auth/login"),
                    null,
                    "{\"username\":\"admin\",\"password\":\"some\\u0000password\"}",
                    "password");

            assertNoStackTrace(output);
        }

        @Test
        void ofAKeyDescriptionIs400AndCreatesNoKey(CapturedOutput output) {
            UserSession user = newUser();

            refused(
                    client.post().uri("/api/auth/apikey/generate"),
                    user.token(),
                    "{\"description\":\"a\\u0000b\"}",
                    "description");

            assertThat(listedKeys(user)).isZero();
            assertNoStackTrace(output);
        }

        @Test
        void ofANewUserIs400AndCreatesNoUser(CapturedOutput output) {
            String admin = adminToken();
            String name = "nul-" + UUID.randomUUID().toString().substring(0, 8);

            refused(
                    client.post().uri("/api/admin/users"),
                    admin,
                    "{\"username\":\"" + name + "\",\"password\":\"correct horse\\u0000battery\",\"role\":\"USER\"}",
                    "password");
            refused(
                    client.post().uri("/api/admin/users"),
                    admin,
                    "{\"username\":\"" + name + "\\u0000\",\"password\":\"correct horse battery\",\"role\":\"USER\"}",
                    "username");
            // An enum value is trimmed by Jackson before the lookup: "USER\u0000" was quietly USER.
            refused(
                    client.post().uri("/api/admin/users"),
                    admin,
                    "{\"username\":\"" + name + "\",\"password\":\"correct horse battery\",\"role\":\"USER\\u0000\"}",
                    "role");

            Long users = db.sql("SELECT count(*) AS n FROM users WHERE username LIKE :name")
                    .bind("name", name + "%")
                    .map(row -> row.get("n", Long.class))
                    .one()
                    .block();
            assertThat(users).isZero();
            assertNoStackTrace(output);
        }

        private void refused(
                WebTestClient.RequestBodySpec request, @Nullable String bearer, String json, String field) {
            if (bearer != null) {
                request.headers(h -> h.setBearerAuth(bearer));
            }
            request.contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:apigw:problem:invalid-request")
                    .jsonPath("$.detail")
                    .isEqualTo(field + ": must not contain control characters.");
        }

        /**
         * No failure logged for the request. Netty's leak detector is left out: it reports, at ERROR and
         * whenever the collector happens to find one, a sampled response buffer of the tests' own HTTP
         * client (its HttpClientCodec, for answers a test checked only the status of), not the service's.
         */
        private void assertNoStackTrace(CapturedOutput output) {
            assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("\tat ");
            assertThat(output.getAll().lines())
                    .filteredOn(line -> line.contains(" ERROR ") && !line.contains("ResourceLeakDetector"))
                    .isEmpty();
        }
    }

    @Test
    void wrongTypesDuplicateFieldsAndTrailingGarbageAre400() {
        UserSession user = newUser();
        for (String body : List.of(
                "{\"expires_in_days\":{\"a\":1}}",
                "[]",
                "\"text\"",
                "{} {}",
                "{\"description\":1}x",
                "{\"description\":\"a\",\"description\":\"b\"}")) {
            client.post()
                    .uri("/api/auth/apikey/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
        assertThat(listedKeys(user)).isZero();
    }

    @Test
    void nonAsciiAndSqlLookingLoginsAreJust401() {
        for (String name : List.of("ädmin", "admin' --", "' OR 1=1 --", "\u202Eadmin")) {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + name + "\",\"password\":\"x\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
    }

    private int listedKeys(UserSession user) {
        byte[] body = client.get()
                .uri("/api/auth/apikeys")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        List<Object> keys = read(body, "$");
        return keys.size();
    }
}
