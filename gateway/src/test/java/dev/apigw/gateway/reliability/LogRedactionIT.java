package dev.apigw.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/** A full scenario with every log level on: no key value and no token appears in any log line. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.dev.apigw=TRACE"})
class LogRedactionIT extends GatewayIntegrationTest {

    @Test
    void noKeyOrTokenIsEverLogged(CapturedOutput output) {
        StoredKey valid = KEYS.key();
        StoredKey revoked = KEYS.key();
        String malformed =
                valid.value().substring(0, 30) + "zzzzzz" + valid.value().substring(36);
        String unknown = dev.apigw.keycore.KeyFormat.defaults().generate().value();
        String token = TOKENS.token("log-user", Instant.now());
        String tampered = token.substring(0, token.length() - 4) + "AAAA";

        assertThat(call("x-api-key", valid.value())).isEqualTo(200);
        assertThat(call("x-api-key", revoked.value())).isEqualTo(200);
        KEYS.revoke(revoked.id());
        eventually(
                Duration.ofSeconds(5), "the revoked key is refused", () -> call("x-api-key", revoked.value()) == 401);
        assertThat(call("x-api-key", malformed)).isEqualTo(401);
        assertThat(call("x-api-key", unknown)).isEqualTo(401);
        assertThat(call(HttpHeaders.AUTHORIZATION, "Bearer " + token)).isEqualTo(200);
        assertThat(call(HttpHeaders.AUTHORIZATION, "Bearer " + tampered)).isEqualTo(401);
        client.get()
                .uri("/api/orders?api_key={k}", valid.value())
                .exchange()
                .expectStatus()
                .isBadRequest();

        for (String secret :
                List.of(valid.value(), revoked.value(), malformed, unknown, token, tampered, token.split("\\.")[2])) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
        }
        assertThat(output.getAll())
                .as("the revoked key's path ran and logged its reason, by key id")
                .contains("Rejected API key " + revoked.id() + ": REVOKED_KEY");
    }

    private int call(String header, String value) {
        return client.get()
                .uri("/api/orders")
                .header(header, value)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
