package dev.apigw.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #24: routes require scopes (per method on /scoped/orders, for every method on /scoped/reports;
 * see {@code Downstream}); a key's effective scopes are those its owner still holds; a token's are its
 * claim. Every rule has a test that tries to break it.
 */
class ScopeIT extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Nested
    class Status200 {

        @Test
        void aKeyWithTheScopeReachesTheBackendWhichReceivesItsEffectiveScopes() {
            UUID user = KEYS.userWithScopes("orders:read", "reports:read", "zeta:read");
            StoredKey key = KEYS.keyWithScopes(user, "zeta:read", "orders:read");

            send(HttpMethod.GET, "/scoped/orders/1", key).expectStatus().isOk();

            assertThat(lastBackendRequest().getHeader("X-Auth-Scopes")).isEqualTo("orders:read zeta:read");
        }

        @Test
        void aRouteWithoutScopesNeedsAuthenticationOnlyAndAKeyWithoutScopesSendsNoScopesHeader() {
            StoredKey key = KEYS.key();

            send(HttpMethod.GET, "/api/anything", key).expectStatus().isOk();

            assertThat(lastBackendRequest().containsHeader("X-Auth-Scopes")).isFalse();
        }

        @Test
        void allOfNeedsEveryScopeNamed() {
            UUID user = KEYS.userWithScopes("orders:write", "billing:write");

            send(HttpMethod.POST, "/scoped/orders", KEYS.keyWithScopes(user, "orders:write", "billing:write"))
                    .expectStatus()
                    .isOk();
        }

        @Test
        void headFollowsGetAndAnyOfNeedsOne() {
            UUID user = KEYS.userWithScopes("orders:admin");

            send(HttpMethod.HEAD, "/scoped/orders/1", KEYS.keyWithScopes(user, "orders:admin"))
                    .expectStatus()
                    .isOk();
        }

        @Test
        void aTokenIsJudgedByItsScopeClaim() {
            String token = TOKENS.sign(TOKENS.claims("scoped-" + UUID.randomUUID(), Instant.now())
                    .claim("scope", "reports:read orders:read"));

            client.get()
                    .uri("/scoped/reports/q1")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(lastBackendRequest().getHeader("X-Auth-Scopes")).isEqualTo("orders:read reports:read");
        }
    }

    @Nested
    class Status403 {

        @Test
        void aKeyWithoutTheScopeIsRefusedWith403AndAChallengeNamingIt() {
            UUID user = KEYS.userWithScopes("orders:read");
            StoredKey key = KEYS.keyWithScopes(user, "orders:read");
            double refused = refusals();

            send(HttpMethod.GET, "/scoped/reports/q1", key)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valueEquals(
                            "WWW-Authenticate",
                            "Bearer realm=\"api-gateway\", error=\"insufficient_scope\", scope=\"reports:read\"")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("insufficient-scope")
                    .jsonPath("$.status")
                    .isEqualTo(403)
                    .jsonPath("$.required_scopes[0]")
                    .isEqualTo("reports:read")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains("reports:read"));
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
            assertThat(refusals()).isEqualTo(refused + 1);
        }

        @Test
        void aKeyUsesOnlyTheScopesItsOwnerHolds() {
            UUID user = KEYS.userWithScopes("orders:read");
            // Given a scope its owner never held (written by hand: key-admin-service refuses that).
            StoredKey key = KEYS.keyWithScopes(user, "orders:read", "orders:admin");

            send(HttpMethod.DELETE, "/scoped/orders/1", key).expectStatus().isForbidden();
            send(HttpMethod.GET, "/scoped/orders/1", key).expectStatus().isOk();
            assertThat(lastBackendRequest().getHeader("X-Auth-Scopes")).isEqualTo("orders:read");
        }

        @Test
        void anOwnersScopeTheKeyWasNotGivenDoesNotCount() {
            UUID user = KEYS.userWithScopes("orders:read", "reports:read");

            send(HttpMethod.GET, "/scoped/reports/q1", KEYS.keyWithScopes(user, "orders:read"))
                    .expectStatus()
                    .isForbidden();
        }

        @Test
        void requirementsDifferPerMethodOnOnePath() {
            UUID user = KEYS.userWithScopes("orders:read", "orders:write");
            StoredKey key = KEYS.keyWithScopes(user, "orders:read", "orders:write");

            send(HttpMethod.GET, "/scoped/orders/1", key).expectStatus().isOk();
            send(HttpMethod.POST, "/scoped/orders", key)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .valueEquals(
                            "WWW-Authenticate",
                            "Bearer realm=\"api-gateway\", error=\"insufficient_scope\","
                                    + " scope=\"orders:write billing:write\"")
                    .expectBody()
                    .jsonPath("$.all_required")
                    .isEqualTo(true);
            send(HttpMethod.DELETE, "/scoped/orders/1", key).expectStatus().isForbidden();
        }

        @Test
        void aMethodTheRouteDoesNotListIsRefusedToEveryone() {
            UUID user = KEYS.userWithScopes("orders:read", "orders:write", "billing:write", "orders:admin");
            StoredKey key = KEYS.keyWithScopes(user, "orders:read", "orders:write", "billing:write", "orders:admin");

            send(HttpMethod.PUT, "/scoped/orders/1", key)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .valueEquals("WWW-Authenticate", "Bearer realm=\"api-gateway\", error=\"insufficient_scope\"");
            send(HttpMethod.PATCH, "/scoped/orders/1", key).expectStatus().isForbidden();
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void caseAndWhitespaceTricksInATokensScopesMatchNothing() {
            for (String claim : List.of(
                    "REPORTS:READ",
                    "Reports:read",
                    "reports:read\t",
                    "\treports:read",
                    "reports:read\u00a0",
                    "reports:reads",
                    "reports")) {
                String token = TOKENS.sign(TOKENS.claims("tricky-" + UUID.randomUUID(), Instant.now())
                        .claim("scope", claim));

                client.get()
                        .uri("/scoped/reports/q1")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isForbidden();
            }
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void aTokenWithoutTheScopeIsRefusedWith403Not401() {
            String token = TOKENS.token("plain-" + UUID.randomUUID(), Instant.now());

            client.get()
                    .uri("/scoped/reports/q1")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("insufficient-scope");
        }

        @Test
        void unauthenticatedIsStill401NotAScopeAnswer() {
            client.get().uri("/scoped/reports/q1").exchange().expectStatus().isUnauthorized();
        }
    }

    @Nested
    class SpoofedScopesHeader {

        @Test
        void aScopesHeaderFromTheClientNeverReachesTheBackendInAnySpelling() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/anything")
                    .header("x-api-key", key.value())
                    .header("X-Auth-Scopes", "orders:admin")
                    .header("x_auth_scopes", "orders:admin")
                    .header("x-AUTH-scopes", "orders:admin")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get()
                    .uri("/public/x")
                    .header("X-Auth-Scopes", "orders:admin")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(DOWNSTREAM.backendRequests())
                    .hasSize(2)
                    .allSatisfy(request -> assertThat(request.getAllHeaderKeys())
                            .noneMatch(name -> name.replace('_', '-').equalsIgnoreCase("X-Auth-Scopes")));
        }

        @Test
        void aScopesHeaderFromTheClientGrantsNothing() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/scoped/reports/q1")
                    .header("x-api-key", key.value())
                    .header("X-Auth-Scopes", "reports:read")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Nested
    class LosingAScope {

        /**
         * Requests run without pause while the owner loses the scope. Once one is refused (the change's
         * notice has arrived), every request sent after that answer is refused as well: no answer loaded
         * before the change may be cached again after it.
         */
        @Test
        void theNextRequestAfterTheNoticeIsRefusedAtEveryKeyOfTheUser() throws Exception {
            UUID user = KEYS.userWithScopes("reports:read", "orders:read");
            StoredKey first = KEYS.keyWithScopes(user, "reports:read");
            StoredKey second = KEYS.keyWithScopes(user, "reports:read", "orders:read");
            eventually(Duration.ofSeconds(5), "both keys work", () -> status(first) == 200 && status(second) == 200);
            AtomicLong firstRefusal = new AtomicLong(Long.MAX_VALUE);
            ConcurrentLinkedQueue<String> afterRefusal = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                StoredKey key = i % 2 == 0 ? first : second;
                load.submit(() -> {
                    while (running.get()) {
                        long sent = System.nanoTime();
                        int status = status(key);
                        if (status == 403) {
                            firstRefusal.accumulateAndGet(System.nanoTime(), Math::min);
                        } else if (sent > firstRefusal.get()) {
                            afterRefusal.add(status + " after the first refusal");
                        }
                    }
                    return null;
                });
            }
            long changed;
            try {
                Thread.sleep(200);
                changed = System.nanoTime();

                KEYS.setUserScopes(user, "orders:read");

                eventually(Duration.ofSeconds(2), "a request is refused", () -> firstRefusal.get() != Long.MAX_VALUE);
                Thread.sleep(500);
            } finally {
                running.set(false);
                load.shutdown();
            }
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(firstRefusal.get() - changed)).isLessThan(Duration.ofSeconds(1));
            assertThat(afterRefusal).isEmpty();
            assertThat(status(first)).isEqualTo(403);
            assertThat(status(second)).isEqualTo(403);
            send(HttpMethod.GET, "/scoped/orders/1", second).expectStatus().isOk();
        }
    }

    private double refusals() {
        return meters.counter(ScopeFilter.REFUSALS, "route", "scoped-reports").count();
    }

    private int status(StoredKey key) {
        return client.get()
                .uri("/scoped/reports/q1")
                .header("x-api-key", key.value())
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, StoredKey key) {
        return client.method(method).uri(path).header("x-api-key", key.value()).exchange();
    }

    private static LoggedRequest lastBackendRequest() {
        List<LoggedRequest> received = DOWNSTREAM.backendRequests();
        assertThat(received).isNotEmpty();
        return received.get(received.size() - 1);
    }
}
