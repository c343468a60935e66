package dev.apigw.keyadmin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole key lifecycle with every log level on: no key, token or password appears in the logs.
 * Requests go through the JDK's client, which logs nothing, so that only the service's output is judged.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.dev.apigw=TRACE"})
class LogRedactionIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noKeyTokenOrPasswordIsEverLogged(CapturedOutput output) throws Exception {
        String admin = JsonPath.read(
                send(
                        "POST",
                        "/api/auth/login",
                        null,
                        "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"),
                "$.access_token");
        String username = "log-" + UUID.randomUUID().toString().substring(0, 8);
        send(
                "POST",
                "/api/admin/users",
                admin,
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"USER\"}");
        String token = JsonPath.read(
                send(
                        "POST",
                        "/api/auth/login",
                        null,
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"),
                "$.access_token");
        String created = send("POST", "/api/auth/apikey/generate", token, "{\"description\":\"log test\"}");
        String key = JsonPath.read(created, "$.key_value");
        String rotated = send(
                "POST",
                "/api/auth/apikey/" + JsonPath.read(created, "$.id") + "/rotate",
                token,
                "{\"grace_period_seconds\":0}");
        String newKey = JsonPath.read(rotated, "$.new_key.key_value");
        send("DELETE", "/api/auth/apikey/" + JsonPath.read(rotated, "$.new_key.id"), token, null);
        send(
                "POST",
                "/api/auth/login",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"wrong password 123\"}");

        for (String secret : List.of(key, newKey, token, admin, PASSWORD, "wrong password 123", ADMIN_PASSWORD)) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
        }
        assertThat(output.getAll()).contains("created key");
    }

    /** Issue #21: the configured pattern printed a throwable's message and causes unmasked. */
    @Test
    void keysInAnExceptionAndItsCausesAreMaskedInTheLog(CapturedOutput output) {
        GeneratedKey key = KeyFormat.defaults().generate();
        String secret = key.value().substring(key.displayPrefix().length());

        LoggerFactory.getLogger(LogRedactionIT.class)
                .error(
                        "Failure for x{}y",
                        key.value(),
                        new IllegalStateException(
                                "bad key x" + key.value() + "y", new IllegalArgumentException("cause " + key.value())));

        assertThat(output.getAll())
                .doesNotContain(secret)
                .contains("java.lang.IllegalStateException: bad key x" + key.displayPrefix() + "…[masked]")
                .contains("Caused by: java.lang.IllegalArgumentException: cause " + key.displayPrefix() + "…[masked]");
    }

    private String send(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
