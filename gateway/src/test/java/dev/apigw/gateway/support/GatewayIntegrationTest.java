package dev.apigw.gateway.support;

import dev.apigw.testsupport.Eventually;
import dev.apigw.testsupport.TestDatabase;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real gateway on a random port, against this run's PostgreSQL database, with WireMock as the
 * backend and as the JWKS endpoint. Test classes share the context; each test makes its own keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final TestTokens TOKENS = new TestTokens();
    protected static final Downstream DOWNSTREAM = new Downstream(TOKENS);
    protected static final TestKeys KEYS = new TestKeys(TestDatabase.get());

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DOWNSTREAM.register(registry, TestDatabase.get());
    }

    @BeforeEach
    void resetDownstream() {
        DOWNSTREAM.reset();
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Polls {@code condition} until it holds; fails the test, naming {@code what}, once {@code deadline} passes. */
    protected static void eventually(Duration deadline, String what, BooleanSupplier condition) {
        Eventually.holds(deadline, what, condition);
    }
}
