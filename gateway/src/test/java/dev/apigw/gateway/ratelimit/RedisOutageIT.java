package dev.apigw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.LimitedRoutes;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.testsupport.TcpRelay;
import dev.apigw.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis cut off mid-run (a relay this test controls, never the shared Redis server): no 5xx and no
 * hang, each key still held to its limit per instance, health and metrics say so, and the gateway is
 * back on the shared counters within two seconds of Redis's return (#23).
 */
class RedisOutageIT extends GatewayIntegrationTest {

    private static final TestRedis REDIS = TestRedis.get();
    private static final TcpRelay PROXY = new TcpRelay(REDIS.host(), REDIS.port());

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        LimitedRoutes.register(registry, DOWNSTREAM);
        registry.add("gateway.rate-limit.store", () -> "redis");
        registry.add("gateway.rate-limit.key-prefix", REDIS::prefix);
        // A loaded test machine can take longer than the default wait; a late answer would be counted
        // in memory instead, which these tests would read as a miscount.
        registry.add("gateway.rate-limit.redis-timeout", () -> "2s");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", PROXY::port);
    }

    @AfterEach
    void restore() {
        PROXY.restore();
    }

    private HttpStatus status(StoredKey key) {
        return HttpStatus.valueOf(client.get()
                .uri("/limited/x")
                .header("x-api-key", key.value())
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value());
    }

    private String health() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .build()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private double storeDown() {
        return meters.get("gateway.ratelimit.store.down").gauge().value();
    }

    @Test
    void whileRedisIsDownKeysAreHeldToTheirLimitPerInstanceWithoutA5xxAndSharedCountingResumes() {
        StoredKey before = KEYS.key();
        assertThat(status(before)).isEqualTo(HttpStatus.OK);
        assertThat(health()).contains("\"store\":\"redis\"", "\"degraded\":false");

        PROXY.cut();
        StoredKey during = KEYS.key();
        long started = System.nanoTime();
        assertThat(status(during)).isEqualTo(HttpStatus.OK);
        assertThat(status(during)).isEqualTo(HttpStatus.OK);
        assertThat(status(during)).isEqualTo(HttpStatus.OK);
        assertThat(status(during)).as("held to its limit in memory").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(health()).contains("\"degraded\":true", "counting per instance");
        assertThat(storeDown()).isEqualTo(1.0);
        assertThat(meters.get("gateway.ratelimit.store.failures")
                        .functionCounter()
                        .count())
                .isPositive();

        PROXY.restore();
        long back = System.nanoTime();
        StoredKey after = KEYS.key();
        eventually(Duration.ofSeconds(2), "back on Redis", () -> {
            status(after);
            return storeDown() == 0.0;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(2));
        assertThat(health()).contains("\"degraded\":false");
    }
}
