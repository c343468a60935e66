package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.Downstream;
import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.NoticedKeys;
import dev.apigw.gateway.support.TestKeys;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.testsupport.Eventually;
import dev.apigw.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A database outage, on a database of this test's own: recently valid keys keep working, revoked keys
 * stay revoked, never-seen keys get 503 (the gateway cannot know), JWTs are unaffected, and the
 * gateway is whole again once the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DatabaseOutageIT.Time.class)
class DatabaseOutageIT {

    private static final TestDatabase DB = TestDatabase.another();
    private static final TestTokens TOKENS = new TestTokens();
    private static final Downstream DOWNSTREAM = new Downstream(TOKENS);
    private static final TestKeys KEYS = new TestKeys(DB);

    @LocalServerPort
    int port;

    @Autowired
    FakeTicker ticker;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DOWNSTREAM.register(registry, DB);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        @Primary
        FakeTicker fakeTicker() {
            return new FakeTicker();
        }
    }

    @AfterEach
    void databaseBack() {
        DB.setAcceptingConnections(true);
    }

    @Test
    void cachedAnswersOutliveAnOutageAndUnknownKeysGet503() {
        StoredKey valid = NoticedKeys.create(KEYS, meters);
        StoredKey revoked = KEYS.key();
        KEYS.revoke(revoked.id());
        assertThat(status(valid.value())).isEqualTo(200);
        assertThat(status(revoked.value())).isEqualTo(401);

        DB.setAcceptingConnections(false);
        ticker.advance(Duration.ofSeconds(61)); // past the ttl: every answer needs the database again

        assertThat(status(valid.value())).isEqualTo(200);
        assertThat(status(revoked.value())).isEqualTo(401);
        client().get()
                .uri("/api/orders")
                .header("x-api-key", KeyFormat.defaults().generate().value())
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unavailable");
        client().get()
                .uri("/api/orders")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TOKENS.token(UUID.randomUUID().toString(), Instant.now()))
                .exchange()
                .expectStatus()
                .isOk();

        ticker.advance(Duration.ofMinutes(10)); // past the stale period: nothing is vouched for any more
        assertThat(status(valid.value())).isEqualTo(503);

        DB.setAcceptingConnections(true);
        String unknown = KeyFormat.defaults().generate().value();
        Eventually.holds(
                Duration.ofSeconds(15),
                "unknown key 401 and valid key 200 after the outage",
                () -> status(unknown) == 401 && status(valid.value()) == 200);
        assertThat(status(revoked.value())).isEqualTo(401);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private int status(String key) {
        return client().get()
                .uri("/api/orders")
                .header("x-api-key", key)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
