package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issue #22 §2: a user changes their own password, which ends every token issued before. */
class PasswordChangeIT extends IntegrationTest {

    private static final String NEXT = "another long passphrase";

    @Test
    void theOldTokenAndPasswordAreRefusedAndTheTokenInTheAnswerWorksAtOnce() throws Exception {
        UserSession user = newUser();

        byte[] body = change(user.token(), PASSWORD, NEXT, "pwc-" + UUID.randomUUID())
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(tokensNotBefore(user.id()))
                .isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        assertThat(auditActions(user.id())).contains("PASSWORD_CHANGED");
        listing(user.token()).expectStatus().isUnauthorized();
        // Issued in the same second as the change: its iat is tokens_not_before, so it is accepted.
        listing(read(body, "$.access_token")).expectStatus().isOk();
        listing(login(user.username(), NEXT)).expectStatus().isOk();
        client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aWrongCurrentPasswordIs401InvalidCredentialsAndChangesNothing() throws Exception {
        UserSession user = newUser();

        change(user.token(), "not the password", NEXT, null)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"key-admin\"")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid-credentials");

        assertThat(tokensNotBefore(user.id())).isNull();
        listing(user.token()).expectStatus().isOk();
        assertThat(login(user.username(), PASSWORD)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"short\"}",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"long enough\\u0000really\"}",
                "{\"current_password\":\"correct\\u0000horse battery\",\"new_password\":\"" + NEXT + "\"}",
                "{\"current_password\":\"" + PASSWORD + "\"}",
                "{\"new_password\":\"" + NEXT + "\"}"
            })
    void badBodiesAre400AndChangeNothing(String json) throws Exception {
        UserSession user = newUser();

        client.post()
                .uri("/api/auth/password")
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(tokensNotBefore(user.id())).isNull();
        listing(user.token()).expectStatus().isOk();
    }

    @Test
    void withoutATokenIs401() {
        client.post()
                .uri("/api/auth/password")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("current_password", PASSWORD, "new_password", NEXT))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    private WebTestClient.ResponseSpec change(String token, String current, String next, @Nullable String requestId) {
        return client.post()
                .uri("/api/auth/password")
                .headers(h -> h.setBearerAuth(token))
                .headers(h -> {
                    if (requestId != null) {
                        h.set("X-Request-Id", requestId);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("current_password", current, "new_password", next))
                .exchange();
    }

    private WebTestClient.ResponseSpec listing(String token) {
        return client.get()
                .uri("/api/auth/apikeys")
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private static java.time.@Nullable Instant tokensNotBefore(String userId) throws Exception {
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

    private static java.util.List<String> auditActions(String userId) throws Exception {
        java.util.List<String> actions = new java.util.ArrayList<>();
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT action FROM audit_events WHERE target_id = ? AND actor_id = ? ORDER BY id")) {
            query.setObject(1, UUID.fromString(userId));
            query.setObject(2, UUID.fromString(userId));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
        }
        return actions;
    }
}
