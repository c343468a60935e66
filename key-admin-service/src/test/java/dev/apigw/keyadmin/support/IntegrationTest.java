package dev.apigw.keyadmin.support;

import com.jayway.jsonpath.JsonPath;
import dev.apigw.testsupport.MutableClock;
import dev.apigw.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Runs the whole service on a random port against this test run's own PostgreSQL database, with a
 * clock the test moves. Test classes share one application context and database, so each test makes
 * its own users.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "key-admin.bootstrap.username=" + IntegrationTest.ADMIN,
            "key-admin.bootstrap.password=" + IntegrationTest.ADMIN_PASSWORD,
            "management.server.port=0"
        })
@Import(IntegrationTest.TestClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN = "root-admin";
    public static final String ADMIN_PASSWORD = "root-admin-password";
    public static final String PASSWORD = "correct horse battery";
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected WebTestClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @BeforeEach
    void resetClientAndClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    protected String login(String username, String password) {
        byte[] body = client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return read(body, "$.access_token");
    }

    protected String adminToken() {
        return login(ADMIN, ADMIN_PASSWORD);
    }

    /** Creates a user through the admin API and returns its id. */
    protected String createUser(String username, String role) {
        byte[] body = client.post()
                .uri("/api/admin/users")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(adminToken()))
                .bodyValue(Map.of("username", username, "password", PASSWORD, "role", role))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return read(body, "$.id");
    }

    /** A fresh USER and its access token. */
    protected UserSession newUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(username, "USER");
        return new UserSession(id, username, login(username, PASSWORD));
    }

    /** Generates a key for the session and returns the whole 201 body. */
    protected String generateKey(UserSession user, String json) {
        byte[] body = client.post()
                .uri("/api/auth/apikey/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    protected static <T> T read(byte[] json, String path) {
        return JsonPath.read(new String(json, StandardCharsets.UTF_8), path);
    }

    protected static <T> T read(String json, String path) {
        return JsonPath.read(json, path);
    }

    public record UserSession(String id, String username, String token) {}

    /** The service refuses {@code token} as it refuses any unusable access token. */
    protected void expectTokenRefused(String token) {
        client.get()
                .uri("/api/auth/apikeys")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    /** {@code payload} arrives on the LISTENing connection within 5 s; fails the test otherwise. */
    protected static void expectNotified(Connection listener, String payload) throws Exception {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!payloads.contains(payload) && System.nanoTime() < deadline) {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(200);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    payloads.add(n.getParameter());
                }
            }
        }
        if (!payloads.contains(payload)) {
            throw new AssertionError("no notice '" + payload + "' within 5 s; received " + payloads);
        }
    }
}
