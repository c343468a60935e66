package dev.apigw.e2e;

import static dev.apigw.e2e.Client.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.testsupport.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Limits through the real processes (#23): an admin gives a key its own limits at key-admin-service,
 * the gateway holds the key to them with the draft's header fields, another key is unaffected, and the
 * usage endpoint reads what the gateway counted in Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitSystemIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningSystem system;
    private Client client;

    @BeforeAll
    void start() throws Exception {
        system = new RunningSystem();
        client = new Client(system);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aKeyOverItsLimitGets429WithTheFieldsAnotherKeyIsUnaffectedAndTheUsageEndpointSeesTheQuotaRunOut() {
        String admin = client.login(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
        String user = newUserToken(admin);
        Client.Response limited = client.post("/api/auth/apikey/generate", "{}", bearer(user));
        Client.Response other = client.post("/api/auth/apikey/generate", "{}", bearer(user));
        String keyId = limited.json("$.id");
        String key = limited.json("$.key_value");
        assertThat(put(
                                "/api/admin/apikeys/" + keyId + "/limits",
                                admin,
                                "{\"rate\":{\"limit\":2,\"window_seconds\":60},\"quota\":{\"limit\":3,\"period\":\"daily\"}}")
                        .statusCode())
                .isEqualTo(200);

        // The key is new to the gateway: its first use looks it up with its limits.
        HttpResponse<String> first = get("/api/orders", "x-api-key", key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Policy"))
                .hasValue("\"rate\";q=2;w=60;apigw-burst=2, \"daily\";q=3;w=86400");
        assertThat(get("/api/orders", "x-api-key", key).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = get("/api/orders", "x-api-key", key);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"rate\";r=0;");
        assertThat(refused.body()).contains("\"code\":\"rate-limited\"");
        assertThat(system.backend.getAllServeEvents()).hasSize(2);

        assertThat(get("/api/orders", "x-api-key", other.json("$.key_value")).statusCode())
                .as("another key of the same user")
                .isEqualTo(200);

        // A higher rate, the same quota: the third request of the day is the last.
        put(
                "/api/admin/apikeys/" + keyId + "/limits",
                admin,
                "{\"rate\":{\"limit\":100,\"window_seconds\":1},\"quota\":{\"limit\":3,\"period\":\"daily\"}}");
        Eventually.holds(
                Duration.ofSeconds(2),
                "the third request admitted",
                () -> get("/api/orders", "x-api-key", key).statusCode() == 200);
        HttpResponse<String> exhausted = get("/api/orders", "x-api-key", key);
        assertThat(exhausted.statusCode()).isEqualTo(429);
        assertThat(exhausted.body())
                .contains(
                        "https://iana.org/assignments/http-problem-types#quota-exceeded",
                        "\"violated-policies\":[\"daily\"]");

        Client.Response usage = client.get("/api/auth/apikey/" + keyId + "/usage", bearer(user));
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        assertThat((Integer) usage.json("$.usage[0].used")).isEqualTo(3);
        assertThat((Integer) usage.json("$.remaining")).isZero();
    }

    private String newUserToken(String admin) {
        String username = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Client.Response created = client.post(
                "/api/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"e2e user password\",\"role\":\"USER\"}",
                bearer(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return client.login(username, "e2e user password");
    }

    private HttpResponse<String> get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(system.gateway(path)))
                .header(header, value)
                .GET());
    }

    private HttpResponse<String> put(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(system.gateway(path)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
