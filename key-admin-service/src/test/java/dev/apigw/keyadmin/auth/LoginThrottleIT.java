package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.apigw.keyadmin.KeyAdminApplication;
import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keyadmin.user.PasswordHasher;
import dev.apigw.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Issue #22 §3: login resists guessing. Blocks last a minute here (not the default second) so that a
 * second instance on the real clock sees them too; the address limit is 10 to keep the spray short.
 * Test requests come from loopback, a trusted proxy by default: they are counted per address only when
 * they send {@code X-Forwarded-For}.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {LoginThrottleIT.FIRST_BLOCK, LoginThrottleIT.ADDRESS_LIMIT})
class LoginThrottleIT extends IntegrationTest {

    static final String FIRST_BLOCK = "key-admin.login.user.first-block=1m";
    static final String ADDRESS_LIMIT = "key-admin.login.address.max-failures=10";

    @MockitoSpyBean
    private PasswordHasher passwords;

    @Autowired
    private DatabaseClient db;

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWith429WithoutAPasswordCheck() {
        UserSession user = newUser();
        for (int i = 0; i < 5; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        clearInvocations(passwords);

        attempt(client, user.username(), PASSWORD, null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("too-many-attempts")
                .jsonPath("$.type")
                .isEqualTo("urn:apigw:problem:too-many-attempts")
                .jsonPath("$.request_id")
                .isNotEmpty();
        verify(passwords, never()).matchesOrBurn(any(), any());
    }

    /**
     * Review: guesses sent in parallel must not all pass the check before any is counted. Each attempt is
     * counted before its password is checked, so only the five free attempts reach BCrypt.
     */
    @Test
    void thirtyParallelGuessesForOneNameGetOnlyTheFreeAttemptsChecked() {
        UserSession user = newUser();
        clearInvocations(passwords);
        WebClient parallel = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.range(0, 30)
                .flatMap(
                        i -> parallel.post()
                                .uri("/api/auth/login")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("username", user.username(), "password", "wrong"))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        30)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(30);
        assertThat(statuses).filteredOn(status -> status == 401).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSizeGreaterThanOrEqualTo(25);
        verify(passwords, atMost(5)).matchesOrBurn(any(), any());
        assertThat(count("kind = 'user' AND key_hash = :hash AND failures = 5", sha256(user.username())))
                .isOne();
    }

    @Test
    void theBlockEndsWithItsTimeAndTheNextFailureBlocksTwiceAsLong() {
        UserSession user = newUser();
        for (int i = 0; i < 5; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        clock.advance(Duration.ofSeconds(59));
        attempt(client, user.username(), PASSWORD, null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "1");

        clock.advance(Duration.ofSeconds(1));
        attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        attempt(client, user.username(), PASSWORD, null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "120");

        clock.advance(Duration.ofMinutes(2));
        attempt(client, user.username(), PASSWORD, null).expectStatus().isOk();
    }

    @Test
    void aSuccessfulLoginClearsTheNamesFailures() {
        UserSession user = newUser();
        for (int i = 0; i < 4; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        attempt(client, user.username(), PASSWORD, null).expectStatus().isOk();
        for (int i = 0; i < 4; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        attempt(client, user.username(), PASSWORD, null).expectStatus().isOk();
    }

    @Test
    void oneBlockedNameLeavesAnotherUserAlone() {
        UserSession blocked = newUser();
        UserSession other = newUser();
        for (int i = 0; i < 5; i++) {
            attempt(client, blocked.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        attempt(client, blocked.username(), PASSWORD, null).expectStatus().isEqualTo(429);

        attempt(client, other.username(), PASSWORD, null).expectStatus().isOk();
    }

    @Test
    void aBlockedUnknownNameGetsTheSameAnswerAsABlockedUser() {
        UserSession user = newUser();
        String unknown = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
            attempt(client, unknown, "wrong", null).expectStatus().isUnauthorized();
        }

        assertThat(refusal(user.username())).isEqualTo(refusal(unknown));
    }

    @Test
    void oneAddressTryingManyNamesIsRefusedBeyondItsLimitForEveryName() {
        String sprayer = randomAddress();
        for (int i = 0; i < 10; i++) {
            attempt(client, "spray-" + UUID.randomUUID(), "guess", sprayer)
                    .expectStatus()
                    .isUnauthorized();
        }
        UserSession user = newUser();
        clearInvocations(passwords);

        attempt(client, user.username(), PASSWORD, sprayer)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "600");
        verify(passwords, never()).matchesOrBurn(any(), any());
        attempt(client, user.username(), PASSWORD, randomAddress())
                .expectStatus()
                .isOk();
    }

    @Test
    void anotherInstanceOnTheSameDatabaseSeesTheBlock() {
        UserSession user = newUser();
        for (int i = 0; i < 5; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }

        try (ConfigurableApplicationContext second = secondInstance()) {
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port"))
                    .build();
            attempt(other, user.username(), PASSWORD, null).expectStatus().isEqualTo(429);
        }
    }

    @Test
    void theCountersHoldHashesAndOldRowsAreDeletedByLaterFailures() {
        byte[] stale = new byte[32];
        ThreadLocalRandom.current().nextBytes(stale);
        db.sql("INSERT INTO login_throttle VALUES ('user', :hash, 1, :at, NULL, :at)")
                .bind("hash", stale)
                .bind("at", clock.instant().minusSeconds(1))
                .then()
                .block();
        String name = "Someone-" + UUID.randomUUID();

        attempt(client, name, "wrong", null).expectStatus().isUnauthorized();

        assertThat(count("key_hash = :hash", stale)).isZero();
        byte[] nameHash = sha256(name.toLowerCase(java.util.Locale.ROOT));
        assertThat(count("kind = 'user' AND key_hash = :hash AND failures = 1", nameHash))
                .isOne();
    }

    @Test
    void aBlockIsLoggedOnceWithoutTheName(CapturedOutput output) {
        UserSession user = newUser();
        for (int i = 0; i < 5; i++) {
            attempt(client, user.username(), "wrong", null).expectStatus().isUnauthorized();
        }
        for (int i = 0; i < 3; i++) {
            attempt(client, user.username(), PASSWORD, null).expectStatus().isEqualTo(429);
        }

        String prefix = java.util.HexFormat.of().formatHex(sha256(user.username()), 0, 4);
        assertThat(output.getAll().lines().filter(line -> line.contains("Login throttled: user #" + prefix)))
                .singleElement()
                .asString()
                .contains("refused for 60s after 5 attempts")
                .doesNotContain(user.username());
    }

    private WebTestClient.ResponseSpec attempt(
            WebTestClient target, String username, String password, @Nullable String forwardedFor) {
        return target.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (forwardedFor != null) {
                        h.set(ClientAddresses.X_FORWARDED_FOR, forwardedFor);
                    }
                })
                .bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }

    /** The 429 body but its request id, with the Retry-After header. */
    private String refusal(String username) {
        var result = attempt(client, username, PASSWORD, null)
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .returnResult();
        return result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)
                + new String(result.getResponseBody(), StandardCharsets.UTF_8)
                        .replaceAll("\"request_id\":\"[^\"]*\"", "");
    }

    private long count(String where, byte[] hash) {
        return db.sql("SELECT count(*) AS n FROM login_throttle WHERE " + where)
                .bind("hash", hash)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    /**
     * Another key-admin-service on this test's database. Its settings are command-line arguments, which
     * outrank application.yml: it must never reach the default database or ports.
     */
    private ConfigurableApplicationContext secondInstance() {
        List<String> args = new ArrayList<>();
        TestDatabase.get().springProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--" + FIRST_BLOCK);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(KeyAdminApplication.class).run(args.toArray(String[]::new));
        assertThat(context.getEnvironment().getProperty("spring.r2dbc.url"))
                .isEqualTo(TestDatabase.get().r2dbcUrl());
        return context;
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static byte[] sha256(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
