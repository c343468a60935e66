package dev.apigw.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.Downstream;
import dev.apigw.gateway.support.TestKeys;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.testsupport.Eventually;
import dev.apigw.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #22: a user an admin locks out loses every earlier token at the gateway within about a second,
 * through the same change channel keys use. Tokens name real users of this run's database here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserLockoutIT {

    private static final TestTokens TOKENS = new TestTokens();
    private static final Downstream DOWNSTREAM = new Downstream(TOKENS);
    private static final TestKeys KEYS = new TestKeys(TestDatabase.get());
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    UserStates states;

    private WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DOWNSTREAM.register(registry, TestDatabase.get());
        registry.add("gateway.auth.jwt.subjects-are-users", () -> "true");
    }

    @BeforeEach
    void setUp() {
        DOWNSTREAM.reset();
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        Eventually.holds(Duration.ofSeconds(10), "the users are loaded", states::isCurrent);
    }

    private int status(String token) {
        return client.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    /** A user created now: its insert's notice must have reached the gateway before its token passes. */
    private UUID newUser() {
        UUID user = KEYS.user();
        String token = TOKENS.token(user.toString(), Instant.now());
        Eventually.holds(WITHIN, "the new user is known", () -> status(token) == 200);
        return user;
    }

    @Test
    void aTokenOfAnEnabledUserPasses() {
        UUID user = newUser();

        assertThat(status(TOKENS.token(user.toString(), Instant.now()))).isEqualTo(200);
        assertThat(DOWNSTREAM.backendRequests().get(0).getHeader("X-User-Id")).isEqualTo(user.toString());
    }

    @Test
    void aValidlySignedTokenForASubjectThatIsNoUserIsRefused() {
        assertThat(status(TOKENS.token(UUID.randomUUID().toString(), Instant.now())))
                .isEqualTo(401);
        assertThat(status(TOKENS.token("not-a-user", Instant.now()))).isEqualTo(401);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void disablingAUserRefusesTheirTokensEverywhereWithinASecond() {
        UUID user = newUser();
        String token = TOKENS.token(user.toString(), Instant.now());

        KEYS.disableUser(user);

        Eventually.holds(WITHIN, "the disabled user's token is refused", () -> status(token) == 401);
        assertThat(status(TOKENS.token(user.toString(), Instant.now())))
                .as("a token issued after")
                .isEqualTo(401);
    }

    @Test
    void aDeletedUsersTokensAreRefused() {
        UUID user = newUser();
        String token = TOKENS.token(user.toString(), Instant.now());

        KEYS.execute("UPDATE users SET deleted_at = now(), enabled = false WHERE id = ?", user);

        Eventually.holds(WITHIN, "the deleted user's token is refused", () -> status(token) == 401);
    }

    @Test
    void withdrawnTokensAreRefusedAndTokensIssuedSincePass() {
        UUID user = newUser();
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String before = TOKENS.token(user.toString(), issued);
        assertThat(status(before)).isEqualTo(200);

        Instant withdrawn = issued.plusSeconds(2);
        KEYS.execute("UPDATE users SET tokens_not_before = ? WHERE id = ?", java.sql.Timestamp.from(withdrawn), user);

        Eventually.holds(WITHIN, "the earlier token is refused", () -> status(before) == 401);
        assertThat(status(TOKENS.token(user.toString(), withdrawn)))
                .as("issued at the withdrawal")
                .isEqualTo(200);
        assertThat(status(TOKENS.token(user.toString(), Instant.now()))).isEqualTo(200);
    }
}
