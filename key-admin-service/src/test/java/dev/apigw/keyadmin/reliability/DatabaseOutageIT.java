package dev.apigw.keyadmin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.testsupport.Eventually;
import dev.apigw.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With its database refusing connections, the service answers 503 problem+json (never a 500), then
 * recovers by itself, without a restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "key-admin.bootstrap.username=outage-admin",
            "key-admin.bootstrap.password=outage-admin-pass",
            "management.server.port=0"
        })
class DatabaseOutageIT {

    private static final TestDatabase DB = TestDatabase.another();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterEach
    void databaseBack() {
        DB.setAcceptingConnections(true);
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself() {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
        Map<String, String> login = Map.of("username", "outage-admin", "password", "outage-admin-pass");
        client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(login)
                .exchange()
                .expectStatus()
                .isOk();

        DB.setAcceptingConnections(false);

        client.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(login)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unavailable");

        DB.setAcceptingConnections(true);

        // The pool may still fail a request or two right after (a connection it began opening while the
        // database refused them): each such answer must be the same 503 problem, and then it recovers.
        Eventually.holds(Duration.ofSeconds(15), "login answers 200 again after the outage", () -> {
            EntityExchangeResult<byte[]> answer = client.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(login)
                    .exchange()
                    .expectBody()
                    .returnResult();
            if (answer.getStatus().value() != 200) {
                assertThat(answer.getStatus().value()).isEqualTo(503);
                assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                return false;
            }
            return true;
        });
    }
}
