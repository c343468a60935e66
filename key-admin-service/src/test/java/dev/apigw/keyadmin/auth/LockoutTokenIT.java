package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.testsupport.TestDatabase;
import io.jsonwebtoken.Claims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #22 §2: this service holds its own access tokens against the user's row at every request, as
 * gateways do: a token of a deleted user, or one issued before {@code tokens_not_before}, is refused;
 * a token issued after a change that set it is not.
 */
class LockoutTokenIT extends IntegrationTest {

    @Test
    void aTokenIssuedBeforeTokensNotBeforeIsRefused() throws Exception {
        UserSession user = newUser();

        update("UPDATE users SET tokens_not_before = ? WHERE id = ?", nextSecond(), user.id());

        expectTokenRefused(user.token());
    }

    @Test
    void aLoginInTheSameSecondAsTheChangeIsIssuedAtTokensNotBeforeAndAccepted() throws Exception {
        UserSession user = newUser();
        update("UPDATE users SET tokens_not_before = ? WHERE id = ?", nextSecond(), user.id());

        String token = login(user.username(), PASSWORD);

        assertThat(issuedAt(token)).isEqualTo(nextSecond());
        client.get()
                .uri("/api/auth/apikeys")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aRowMarkedDeletedIsRefusedForTokenAndLoginEvenIfLeftEnabled() throws Exception {
        UserSession user = newUser();

        update("UPDATE users SET deleted_at = ? WHERE id = ?", clock.instant(), user.id());

        expectTokenRefused(user.token());
        client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", PASSWORD))
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

    /** The token's {@code iat}, read without verifying (the service has verified it). */
    private static Instant issuedAt(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        long iat = JsonMapper.builder()
                .build()
                .readTree(payload)
                .get(Claims.ISSUED_AT)
                .asLong();
        return Instant.ofEpochSecond(iat);
    }

    private static void update(String sql, Instant value, String userId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            statement.setObject(2, UUID.fromString(userId));
            assertThat(statement.executeUpdate()).isOne();
        }
    }
}
