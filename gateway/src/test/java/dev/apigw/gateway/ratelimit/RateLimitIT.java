package dev.apigw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.LimitedRoutes;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.keycore.limits.LimitKeys;
import dev.apigw.testsupport.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

/** Limits counted in the real Redis (this run's key prefix), through the real gateway: #23. */
class RateLimitIT extends GatewayIntegrationTest {

    private static final TestRedis REDIS = TestRedis.get();

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        LimitedRoutes.register(registry, DOWNSTREAM);
        registry.add("gateway.rate-limit.store", () -> "redis");
        registry.add("gateway.rate-limit.key-prefix", REDIS::prefix);
        // A loaded test machine can take longer than the default wait; a late answer would be counted
        // in memory instead, which these tests would read as a miscount.
        registry.add("gateway.rate-limit.redis-timeout", () -> "2s");
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    private EntityExchangeResult<String> get(String path, String header, String value) {
        return client.get()
                .uri(path)
                .header(header, value)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private EntityExchangeResult<String> withKey(String path, StoredKey key) {
        return get(path, "x-api-key", key.value());
    }

    @Test
    void aKeyOverItsRouteLimitGets429WithTheDraftFieldsAndTheBackendNeverSeesIt() {
        StoredKey key = KEYS.key();
        for (int remaining = 2; remaining >= 0; remaining--) {
            EntityExchangeResult<String> admitted = withKey("/limited/x", key);
            assertThat(admitted.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(admitted.getResponseHeaders().getFirst("RateLimit-Policy"))
                    .isEqualTo("\"rate\";q=3;w=60;apigw-burst=3");
            assertThat(admitted.getResponseHeaders().getFirst("RateLimit"))
                    .startsWith("\"rate\";r=" + remaining + ";t=");
        }

        EntityExchangeResult<String> refused = withKey("/limited/x", key);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        HttpHeaders headers = refused.getResponseHeaders();
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"rate\";r=0;t=" + retryAfter);
        assertThat(refused.getResponseBody())
                .contains(
                        "\"code\":\"rate-limited\"",
                        "urn:apigw:problem:rate-limited",
                        "\"violated-policies\":[\"rate\"]");
        assertThat(DOWNSTREAM.backendRequests()).hasSize(3);
    }

    @Test
    void anotherKeyIsUnaffectedByAKeyOverItsLimit() {
        StoredKey busy = KEYS.key();
        StoredKey other = KEYS.key();
        IntStream.range(0, 4).forEach(i -> withKey("/limited/x", busy));
        assertThat(withKey("/limited/x", busy).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(withKey("/limited/x", other).getStatus()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void concurrentRequestsNeverTakeMoreThanTheLimit() {
        StoredKey key = KEYS.key();
        withKey("/api/warm", key); // the key is looked up once, so the burst below only counts
        List<Integer> statuses = Flux.range(0, 20)
                .flatMap(i -> client.get()
                                        .uri("/limited/x")
                                        .header("x-api-key", key.value())
                                        .exchange()
                                        .returnResult(String.class)
                                        .getStatus()
                                        .value()
                                == 200
                        ? reactor.core.publisher.Mono.just(200)
                        : reactor.core.publisher.Mono.just(429))
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(3);
    }

    @Test
    void aQuotaRunsOutWithTheDraftsProblemTypeUntilTheNextUtcDay() {
        StoredKey key = KEYS.key();
        assertThat(withKey("/quota/x", key).getResponseHeaders().getFirst("RateLimit"))
                .as("the route sets a quota only: the rate is the gateway default's")
                .startsWith("\"rate\";r=999;t=1, \"daily\";r=1;t=");
        assertThat(withKey("/quota/x", key).getStatus()).isEqualTo(HttpStatus.OK);

        EntityExchangeResult<String> refused = withKey("/quota/x", key);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseBody())
                .contains(
                        "\"type\":\"https://iana.org/assignments/http-problem-types#quota-exceeded\"",
                        "\"code\":\"quota-exceeded\"",
                        "\"violated-policies\":[\"daily\"]");
        long untilMidnight = Duration.between(
                        Instant.now(),
                        LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .toSeconds();
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(untilMidnight - 5, untilMidnight + 5);
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy"))
                .isEqualTo("\"rate\";q=1000;w=1;apigw-burst=1000, \"daily\";q=2;w=86400");
    }

    @Test
    void requestsRefusedForTheirCredentialsAreNeverCounted() {
        String subject = "user-" + UUID.randomUUID();
        String forged = new TestTokens().token(subject, Instant.now());
        for (int i = 0; i < 5; i++) {
            assertThat(get("/limited/x", HttpHeaders.AUTHORIZATION, "Bearer " + forged)
                            .getStatus())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        String token = TOKENS.token(subject, Instant.now());
        assertThat(get("/limited/x", HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .getResponseHeaders()
                        .getFirst("RateLimit"))
                .startsWith("\"rate\";r=2;");
    }

    @Test
    void tokenCallersAreLimitedPerUserWhicheverTokenTheySend() {
        String subject = "user-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            String token = TOKENS.token(subject, Instant.now().minusSeconds(i));
            assertThat(get("/limited/x", HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .getStatus())
                    .isEqualTo(HttpStatus.OK);
        }
        String fresh = TOKENS.token(subject, Instant.now().minusSeconds(10));
        assertThat(get("/limited/x", HttpHeaders.AUTHORIZATION, "Bearer " + fresh)
                        .getStatus())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aRequestRefusedByTheRateIsNotCountedAgainstTheQuota() {
        StoredKey key = KEYS.key();
        assertThat(withKey("/both/x", key).getResponseHeaders().getFirst("RateLimit"))
                .contains("\"daily\";r=4;");
        for (int i = 0; i < 3; i++) {
            EntityExchangeResult<String> refused = withKey("/both/x", key);
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.getResponseHeaders().getFirst("RateLimit"))
                    .as("the quota still has four: the script counted none of the refused requests")
                    .contains("\"daily\";r=4;");
        }
    }

    @Test
    void aRouteWithLimitsOffIsNeitherLimitedNorAnnotated() {
        StoredKey key = KEYS.key();
        for (int i = 0; i < 10; i++) {
            EntityExchangeResult<String> result = withKey("/unlimited/x", key);
            assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(result.getResponseHeaders().containsHeader("RateLimit")).isFalse();
        }
        assertThat(withKey("/api/x", key).getResponseHeaders().getFirst("RateLimit-Policy"))
                .as("other routes have the gateway default")
                .isEqualTo("\"rate\";q=1000;w=1;apigw-burst=1000");
    }

    @Test
    void countersLiveInRedisUnderTheCallersHashTagAndNeverTheKeyItself() {
        StoredKey key = KEYS.key();
        withKey("/limited/x", key);
        String counter = new LimitKeys(REDIS.prefix()).counter(LimitKeys.keyCaller(key.id()), "rate");
        assertThat(REDIS.command("EXISTS", counter)).isEqualTo(":1");
        assertThat(counter).doesNotContain(key.id().toString()).doesNotContain(key.value());
    }

    @Test
    void aKeysOwnLimitsWinOverTheRoutesAndAChangeReachesTheGatewayWithinASecond() {
        StoredKey key = KEYS.key();
        KEYS.execute(
                "UPDATE api_keys SET rate_limit = 1, rate_window_seconds = 60, rate_burst = 1 WHERE id = ?", key.id());
        EntityExchangeResult<String> first = withKey("/limited/x", key);
        assertThat(first.getResponseHeaders().getFirst("RateLimit-Policy"))
                .isEqualTo("\"rate\";q=1;w=60;apigw-burst=1");
        assertThat(withKey("/limited/x", key).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        KEYS.execute(
                "UPDATE api_keys SET rate_limit = 1000, rate_window_seconds = 1, rate_burst = 1000,"
                        + " quota = 5000, quota_period = 'monthly' WHERE id = ?",
                key.id());

        eventually(
                Duration.ofSeconds(2),
                "the new limits at the gateway",
                () -> withKey("/limited/x", key).getStatus().equals(HttpStatus.OK));
        assertThat(withKey("/limited/x", key).getResponseHeaders().getFirst("RateLimit-Policy"))
                .startsWith("\"rate\";q=1000;w=1;apigw-burst=1000, \"monthly\";q=5000;w=");
    }

    @Test
    void publicRoutesAreNeverLimited() {
        for (int i = 0; i < 5; i++) {
            EntityExchangeResult<String> result = client.get()
                    .uri("/public/x")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            assertThat(result.getResponseHeaders().containsHeader("RateLimit")).isFalse();
        }
    }
}
