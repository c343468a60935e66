package dev.apigw.keyadmin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** Hostile bodies at key-admin-service: a clear 4xx problem, never a 5xx, and nothing written. */
class BadInputTest extends IntegrationTest {

    @Test
    void deeplyNestedJsonIs400() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        UserSession user = newUser();

        client.post().uri("/api/auth/apikey/generate").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue("{\"description\":" + nested + "}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(listedKeys(user)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"description\":\"line\\u0000break\"}", "{\"description\":\"bell\\u0007\"}",
            "{\"description\":\"esc\\u001b[31m\"}"})
    void controlCharactersInADescriptionAre400(String body) {
        UserSession user = newUser();

        client.post().uri("/api/auth/apikey/generate").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest();
        assertThat(listedKeys(user)).isZero();
    }

    @Test
    void wrongTypesDuplicateFieldsAndTrailingGarbageAre400() {
        UserSession user = newUser();
        for (String body : List.of("{\"expires_in_days\":{\"a\":1}}", "[]", "\"text\"", "{} {}", "{\"description\":1}x",
                "{\"description\":\"a\",\"description\":\"b\"}")) {
            client.post().uri("/api/auth/apikey/generate").contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(user.token()))
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest();
        }
        assertThat(listedKeys(user)).isZero();
    }

    @Test
    void nonAsciiAndSqlLookingLoginsAreJust401() {
        for (String name : List.of("ädmin", "admin' --", "' OR 1=1 --", "\u202Eadmin")) {
            client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"" + name + "\",\"password\":\"x\"}")
                    .exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    private int listedKeys(UserSession user) {
        byte[] body = client.get().uri("/api/auth/apikeys").headers(h -> h.setBearerAuth(user.token()))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        List<Object> keys = read(body, "$");
        return keys.size();
    }
}
