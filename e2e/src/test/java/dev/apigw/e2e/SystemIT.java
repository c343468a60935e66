package dev.apigw.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.apigw.e2e.Client.apiKey;
import static dev.apigw.e2e.Client.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed's scenarios, end to end through the gateway's single address, each asserting what the
 * backend actually received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemIT {

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

    @BeforeEach
    void forgetBackendRequests() {
        system.backend.resetRequests();
    }

    @Test
    void userLogsInGeneratesAKeyAndTheBackendSeesTheirIdByKeyAndByJwt() {
        User user = newUser();
        String key = generateKey(user.token(), "{\"description\":\"e2e\"}").json("$.key_value");

        assertThat(client.get("/api/orders/1", apiKey(key)).status()).isEqualTo(200);
        assertThat(client.get("/api/orders/2", bearer(user.token())).status()).isEqualTo(200);

        LoggedRequest byKey = backendRequest("/api/orders/1");
        LoggedRequest byJwt = backendRequest("/api/orders/2");
        assertThat(byKey.getHeaders().getHeader("X-User-Id").values()).containsExactly(user.id());
        assertThat(byKey.getHeader("X-Auth-Method")).isEqualTo("api_key");
        assertThat(byKey.containsHeader("x-api-key")).isFalse();
        assertThat(byJwt.getHeaders().getHeader("X-User-Id").values()).containsExactly(user.id());
        assertThat(byJwt.getHeader("X-Auth-Method")).isEqualTo("jwt");
    }

    @Test
    void spoofedIdentityNeverReachesTheBackend() {
        User user = newUser();
        String key = generateKey(user.token(), "{}").json("$.key_value");

        client.get("/api/spoof", Map.of("x-api-key", key, "X-User-Id", "someone-else"));
        client.get("/api/spoof-anonymous", Map.of("X-User-Id", "someone-else"));

        assertThat(backendRequest("/api/spoof")
                        .getHeaders()
                        .getHeader("X-User-Id")
                        .values())
                .containsExactly(user.id());
        system.backend.verify(0, getRequestedFor(urlEqualTo("/api/spoof-anonymous")));
    }

    @Test
    void revokedKeyIsRejectedThroughTheGatewayWithinOneSecond() {
        User user = newUser();
        Client.Response created = generateKey(user.token(), "{}");
        String key = created.json("$.key_value");
        assertThat(client.get("/api/orders", apiKey(key)).status()).isEqualTo(200);

        assertThat(client.delete("/api/auth/apikey/" + created.json("$.id"), bearer(user.token()))
                        .status())
                .isEqualTo(204);

        Eventually.holds(
                Duration.ofSeconds(1),
                "the key is refused",
                () -> client.get("/api/orders", apiKey(key)).status() == 401);
    }

    @Test
    void rotatedKeyKeepsWorkingUntilItsGracePeriodEndsAndTheNewOneWorks() {
        User user = newUser();
        Client.Response created = generateKey(user.token(), "{}");
        String oldKey = created.json("$.key_value");
        assertThat(client.get("/api/orders", apiKey(oldKey)).status()).isEqualTo(200);

        Client.Response rotated = client.post(
                "/api/auth/apikey/" + created.json("$.id") + "/rotate",
                "{\"grace_period_seconds\":3}",
                bearer(user.token()));
        assertThat(rotated.status()).isEqualTo(201);
        String newKey = rotated.json("$.new_key.key_value");

        assertThat(client.get("/api/orders", apiKey(newKey)).status()).isEqualTo(200);
        assertThat(client.get("/api/orders", apiKey(oldKey)).status())
                .as("within the grace period")
                .isEqualTo(200);
        // Real processes have no injectable clock: poll, with a deadline, for the grace period to end.
        Eventually.holds(
                Duration.ofSeconds(15),
                "the key is refused",
                () -> client.get("/api/orders", apiKey(oldKey)).status() == 401);
        assertThat(client.get("/api/orders", apiKey(newKey)).status()).isEqualTo(200);
    }

    @Test
    void adminRevokesAnotherUsersKeyAndANonAdminCannot() {
        User owner = newUser();
        User other = newUser();
        Client.Response created = generateKey(owner.token(), "{}");
        String key = created.json("$.key_value");
        String keyId = created.json("$.id");

        assertThat(client.delete("/api/admin/apikeys/" + keyId, bearer(other.token()))
                        .status())
                .isEqualTo(403);
        assertThat(client.delete("/api/auth/apikey/" + keyId, bearer(other.token()))
                        .status())
                .isEqualTo(404);
        assertThat(client.get("/api/orders", apiKey(key)).status()).isEqualTo(200);

        assertThat(client.delete("/api/admin/apikeys/" + keyId, bearer(adminToken()))
                        .status())
                .isEqualTo(204);
        Eventually.holds(
                Duration.ofSeconds(1),
                "the key is refused",
                () -> client.get("/api/orders", apiKey(key)).status() == 401);
    }

    /** Issue #22: an admin locks a user out, and every gateway refuses their token and key at once. */
    @Test
    void aDisabledUsersTokenAndKeyAreRefusedAtTheGatewayWithinASecond() {
        User user = newUser();
        String key = generateKey(user.token(), "{}").json("$.key_value");
        assertThat(client.get("/api/orders", bearer(user.token())).status()).isEqualTo(200);
        assertThat(client.get("/api/orders", apiKey(key)).status()).isEqualTo(200);

        assertThat(client.post("/api/admin/users/" + user.id() + "/disable", "", bearer(adminToken()))
                        .status())
                .isEqualTo(204);

        Eventually.holds(
                Duration.ofSeconds(1),
                "the disabled user's token and key are refused",
                () -> client.get("/api/orders", bearer(user.token())).status() == 401
                        && client.get("/api/orders", apiKey(key)).status() == 401);
    }

    /** Issue #22: after a password change the old token is refused at the gateway, the new one works. */
    @Test
    void aPasswordChangeRefusesTheOldTokenAtTheGatewayAndTheNewOneWorks() {
        User user = newUser();
        assertThat(client.get("/api/orders", bearer(user.token())).status()).isEqualTo(200);

        Client.Response changed = client.post(
                "/api/auth/password",
                "{\"current_password\":\"e2e user password\",\"new_password\":\"another e2e password\"}",
                bearer(user.token()));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String fresh = changed.json("$.access_token");

        Eventually.holds(
                Duration.ofSeconds(1),
                "the old token is refused",
                () -> client.get("/api/orders", bearer(user.token())).status() == 401);
        assertThat(client.get("/api/orders", bearer(fresh)).status()).isEqualTo(200);
    }

    private record User(String id, String username, String token) {}

    private User newUser() {
        String username = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Client.Response created = client.post(
                "/api/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"e2e user password\",\"role\":\"USER\"}",
                bearer(adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new User(created.json("$.id"), username, client.login(username, "e2e user password"));
    }

    private String adminToken() {
        return client.login(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
    }

    private Client.Response generateKey(String token, String json) {
        Client.Response created = client.post("/api/auth/apikey/generate", json, bearer(token));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private LoggedRequest backendRequest(String url) {
        List<LoggedRequest> requests = system.backend.findAll(getRequestedFor(urlEqualTo(url)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
