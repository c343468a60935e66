package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

class LoginIT extends IntegrationTest {

    @Autowired
    private DatabaseClient db;

    @Nested
    class Status200 {

        @Test
        void validCredentialsGiveASignedBearerTokenWithTheDocumentedClaims() {
            UserSession user = newUser();

            byte[] body = client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", user.username(), "password", PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.token_type")
                    .isEqualTo("Bearer")
                    .jsonPath("$.expires_in")
                    .isEqualTo(900)
                    .returnResult()
                    .getResponseBody();

            Claims claims = verifyWithPublishedJwks(read(body, "$.access_token"));
            assertThat(claims.getIssuer()).isEqualTo("key-admin-service");
            assertThat(claims.getAudience()).containsExactly("api-gateway");
            assertThat(claims.getSubject()).isEqualTo(user.id());
            assertThat(claims.getId()).isNotBlank();
            assertThat(claims.getIssuedAt()).isNotNull();
            assertThat(claims.getExpiration().getTime() - claims.getIssuedAt().getTime())
                    .isEqualTo(900_000);
            assertThat(claims.get("role", String.class)).isEqualTo("USER");
        }

        @Test
        void jwksPublishesTheRsaKeyThatSignsTokensWithItsKid() {
            client.get()
                    .uri("/.well-known/jwks.json")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.keys[0].kty")
                    .isEqualTo("RSA")
                    .jsonPath("$.keys[0].alg")
                    .isEqualTo("RS256")
                    .jsonPath("$.keys[0].kid")
                    .isNotEmpty()
                    .jsonPath("$.keys[0].d")
                    .doesNotExist()
                    .jsonPath("$.keys[0].p")
                    .doesNotExist();
        }

        private Claims verifyWithPublishedJwks(String token) {
            byte[] jwks = client.get()
                    .uri("/.well-known/jwks.json")
                    .exchange()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            JwkSet set = Jwks.setParser().build().parse(new String(jwks, StandardCharsets.UTF_8));
            Jwk<?> jwk = set.getKeys().iterator().next();
            return Jwts.parser()
                    .verifyWith((PublicKey) jwk.toKey())
                    .clock(() -> java.util.Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
        }
    }

    @Nested
    class Status400 {

        @Test
        void malformedJsonIsABadRequestProblem() {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\": \"a\", ")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:apigw:problem:invalid-request")
                    .jsonPath("$.request_id")
                    .isNotEmpty()
                    .jsonPath("$.trace")
                    .doesNotExist();
        }

        @Test
        void missingPasswordIsNamedInTheDetail() {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "someone"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d -> assertThat((String) d).contains("password"));
        }

        @Test
        void unknownFieldIsRejected() {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "a", "password", "b", "admin", true))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }

        @Test
        void callerRequestIdIsEchoedWhenPlainAndReplacedWhenNot() {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Request-Id", "abc-123")
                    .bodyValue("{}")
                    .exchange()
                    .expectHeader()
                    .valueEquals("X-Request-Id", "abc-123")
                    .expectBody()
                    .jsonPath("$.request_id")
                    .isEqualTo("abc-123");
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Request-Id", "<script>")
                    .bodyValue("{}")
                    .exchange()
                    .expectHeader()
                    .value("X-Request-Id", id -> assertThat(id).doesNotContain("<"));
        }
    }

    @Nested
    class Status401 {

        @Test
        void wrongPasswordAndUnknownUserGetTheSameAnswer() {
            UserSession user = newUser();

            String wrongPassword = failedLogin(user.username(), "not the password");
            String unknownUser = failedLogin("nobody-" + user.username(), "not the password");

            assertThat(wrongPassword).isEqualTo(unknownUser);
        }

        @Test
        void aDisabledUserGetsTheSameAnswerAsAWrongPassword() {
            UserSession disabled = newUser();
            UserSession other = newUser();
            db.sql("UPDATE users SET enabled = false WHERE id = :id")
                    .bind("id", UUID.fromString(disabled.id()))
                    .then()
                    .block();

            String disabledUser = failedLogin(disabled.username(), PASSWORD);
            String wrongPassword = failedLogin(other.username(), "not the password");

            assertThat(disabledUser).isEqualTo(wrongPassword);
        }

        private String failedLogin(String username, String password) {
            byte[] body = client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", password))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"key-admin\"")
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            // Everything but the request id must be identical.
            return new String(body, StandardCharsets.UTF_8).replaceAll("\"request_id\":\"[^\"]*\"", "");
        }
    }

    @Nested
    class Status413And415 {

        @Test
        void oversizedBodyIs413() {
            String huge = "x".repeat(64 * 1024);
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + huge + "\",\"password\":\"p\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(413)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void wrongContentTypeIs415() {
            client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.TEXT_PLAIN)
                    .bodyValue("username=a&password=b")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
