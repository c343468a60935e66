package dev.apigw.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** What the backend receives, and what clients are answered, for each kind of credential. */
class GatewayAuthIT extends GatewayIntegrationTest {

    @Nested
    class Status200 {

        @Test
        void validApiKeyReachesTheBackendAsItsOwner() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/orders?page=2")
                    .header("x-api-key", key.value())
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            assertThat(received.getUrl()).isEqualTo("/api/orders?page=2");
            assertThat(received.getHeaders().getHeader("X-User-Id").values())
                    .containsExactly(key.userId().toString());
            assertThat(received.getHeader("X-Auth-Method")).isEqualTo("api_key");
            assertThat(received.getHeader("X-Api-Key-Id")).isEqualTo(key.id().toString());
            assertThat(received.containsHeader("x-api-key")).isFalse();
            assertThat(received.getHeader("X-Request-Id")).isNotBlank();
        }

        @Test
        void validJwtReachesTheBackendAsItsSubjectWithoutTheToken() {
            String userId = UUID.randomUUID().toString();
            String token = TOKENS.token(userId, Instant.now());

            client.get()
                    .uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            assertThat(received.getHeaders().getHeader("X-User-Id").values()).containsExactly(userId);
            assertThat(received.getHeader("X-Auth-Method")).isEqualTo("jwt");
            assertThat(received.containsHeader("X-Api-Key-Id")).isFalse();
            assertThat(received.containsHeader("Authorization")).isFalse();
        }

        @Test
        void invalidJwtFallsBackToAValidApiKey() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                    .header("x-api-key", key.value())
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(onlyBackendRequest().getHeader("X-User-Id"))
                    .isEqualTo(key.userId().toString());
        }

        @Test
        void validJwtWinsOverAnApiKey() {
            String userId = UUID.randomUUID().toString();

            client.get()
                    .uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.token(userId, Instant.now()))
                    .header("x-api-key", KEYS.key().value())
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(onlyBackendRequest().getHeader("X-User-Id")).isEqualTo(userId);
        }

        @Test
        void requestBodyAndMethodArePassedThrough() {
            StoredKey key = KEYS.key();

            client.post()
                    .uri("/api/orders")
                    .header("x-api-key", key.value())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"item\":42}")
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            assertThat(received.getMethod().getName()).isEqualTo("POST");
            assertThat(received.getBodyAsString()).isEqualTo("{\"item\":42}");
        }
    }

    @Nested
    class RequestHeaderFilters {

        @Autowired
        NettyRoutingFilter routing;

        @Test
        void noOtherRequestHeaderFilterRunsAfterTheIdentityIsSet() {
            // Every filter after it would copy, and could change or drop, the identity headers.
            List<HttpHeadersFilter> filters = routing.getHeadersFilters();

            assertThat(filters).isNotNull();
            assertThat(filters.get(filters.size() - 1)).isInstanceOf(IdentityHeadersFilter.class);
            assertThat(filters)
                    .filteredOn(IdentityHeadersFilter.class::isInstance)
                    .hasSize(1);
        }

        @Test
        void noClientObservationCopiesTheHeadersOfEveryRequest() {
            // spring.cloud.gateway.server.webflux.observability.enabled: false: ~5.5 KB per request, measured.
            assertThat(routing.getHeadersFilters())
                    .noneMatch(ObservedRequestHttpHeadersFilter.class::isInstance)
                    .noneMatch(ObservedResponseHttpHeadersFilter.class::isInstance);
        }

        @Test
        void noGrpcHeaderFilterCopiesTheHeadersOfEveryRequest() {
            // HTTP/1.1 only (server.http2.enabled: false): no gRPC to serve, so no header copy for it.
            assertThat(routing.getHeadersFilters()).noneMatch(GRPCRequestHeadersFilter.class::isInstance);
        }
    }

    @Nested
    class SpoofedIdentity {

        @Test
        void spoofedHeadersSentWithAValidKeyNeverArrive() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/orders")
                    .header("x-api-key", key.value())
                    .header("X-User-Id", "admin")
                    .header("x-user-id", "root")
                    .header("X_User_Id", "root2")
                    .header("X-Auth-Method", "jwt")
                    .header("X-Api-Key-Id", "forged")
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            assertThat(received.getHeaders().getHeader("X-User-Id").values())
                    .containsExactly(key.userId().toString());
            assertThat(received.getHeaders().getHeader("X-Auth-Method").values())
                    .containsExactly("api_key");
            assertThat(received.getHeaders().getHeader("X-Api-Key-Id").values())
                    .containsExactly(key.id().toString());
            assertThat(received.getHeaders().keys()).noneMatch(name -> name.equalsIgnoreCase("X_User_Id"));
        }

        @Test
        void routeFiltersCanNeitherChangeNorRemoveTheIdentity() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/rewriting/orders")
                    .header("x-api-key", key.value())
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            assertThat(received.getHeaders().getHeader("X-User-Id").values())
                    .containsExactly(key.userId().toString());
            assertThat(received.getHeaders().getHeader("X-Auth-Method").values())
                    .containsExactly("api_key");
        }

        @Test
        void spoofedHeaderWithoutCredentialsIsRejectedAndNothingArrives() {
            client.get()
                    .uri("/api/orders")
                    .header("X-User-Id", "admin")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();

            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void spoofedHeaderWithABadCredentialIsRejectedAndNothingArrives() {
            client.get()
                    .uri("/api/orders")
                    .header("X-User-Id", "admin")
                    .header("x-api-key", "gwk_" + "A".repeat(38))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
            client.get()
                    .uri("/api/orders")
                    .header("X-User-Id", "admin")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();

            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void spoofedHeadersOnAPublicRouteAreStripped() {
            client.get()
                    .uri("/public/login")
                    .header("X-User-Id", "admin")
                    .header("x_auth_method", "jwt")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer for-the-service-itself")
                    .exchange()
                    .expectStatus()
                    .isOk();

            LoggedRequest received = onlyBackendRequest();
            // A public service (key-admin-service) authenticates its own callers: their token goes on.
            assertThat(received.getHeader("Authorization")).isEqualTo("Bearer for-the-service-itself");
            assertThat(received.getHeaders().keys())
                    .noneMatch(name -> name.replace('_', '-').equalsIgnoreCase("X-User-Id"))
                    .noneMatch(name -> name.replace('_', '-').equalsIgnoreCase("X-Auth-Method"));
        }
    }

    /** Issue #22 §5: headers about the client that the backend must not take from the client. */
    @Nested
    class ClientAddressAndRequestId {

        @Test
        void aClientsXRealIpNeverArrivesOnAnyRoute() {
            client.get()
                    .uri("/api/orders")
                    .header("x-api-key", KEYS.key().value())
                    .header("X-Real-IP", "10.0.0.1")
                    .header("x_real_ip", "10.0.0.2")
                    .header("X-Forwarded-For", "10.0.0.3")
                    .header("Forwarded", "for=10.0.0.4")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get()
                    .uri("/public/login")
                    .header("x-real-ip", "10.0.0.1")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(DOWNSTREAM.backendRequests())
                    .hasSize(2)
                    .allSatisfy(received -> assertThat(received.getHeaders().keys())
                            .noneMatch(name -> name.replace('_', '-').equalsIgnoreCase("X-Real-IP"))
                            .noneMatch(name -> name.equalsIgnoreCase("X-Forwarded-For"))
                            .noneMatch(name -> name.equalsIgnoreCase("Forwarded")));
        }

        /** Issue #22: key-admin-service's login throttle needs the client's address; the client cannot forge it. */
        @Test
        void aRouteThatAsksGetsTheConnectionsAddressInXForwardedForNotTheClientsClaim() {
            client.get()
                    .uri("/addressed/login")
                    .header("X-Forwarded-For", "10.9.9.9")
                    .header("Forwarded", "for=10.9.9.8")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get().uri("/public/login").exchange().expectStatus().isOk();

            List<LoggedRequest> received = DOWNSTREAM.backendRequests();
            assertThat(received).hasSize(2);
            LoggedRequest addressed = received.stream()
                    .filter(request -> request.getUrl().startsWith("/addressed/"))
                    .findFirst()
                    .orElseThrow();
            LoggedRequest other = received.stream()
                    .filter(request -> request.getUrl().startsWith("/public/"))
                    .findFirst()
                    .orElseThrow();
            // The rightmost address is the connection's; key-admin-service reads that one, whatever the client claimed.
            assertThat(addressed.getHeader("X-Forwarded-For")).endsWith("127.0.0.1");
            assertThat(other.containsHeader("X-Forwarded-For"))
                    .as("a route that does not ask")
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/public/echo", "/api/echo"})
        void aBackendThatEchoesTheRequestIdDoesNotDoubleIt(String path) {
            DOWNSTREAM
                    .server()
                    .stubFor(any(urlPathEqualTo(path))
                            .atPriority(1)
                            .willReturn(aResponse().withStatus(200).withHeader("X-Request-Id", "r-echo")));

            client.get()
                    .uri(path)
                    .header("x-api-key", KEYS.key().value())
                    .header("X-Request-Id", "r-echo")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .values("X-Request-Id", values -> assertThat(values).containsExactly("r-echo"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/public/other-id", "/api/other-id"})
        void theClientSeesTheGatewaysRequestIdNotTheBackends(String path) {
            DOWNSTREAM
                    .server()
                    .stubFor(any(urlPathEqualTo(path))
                            .atPriority(1)
                            .willReturn(aResponse().withStatus(200).withHeader("X-Request-Id", "backend-own-id")));

            client.get()
                    .uri(path)
                    .header("x-api-key", KEYS.key().value())
                    .header("X-Request-Id", "r-client")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .values("X-Request-Id", values -> assertThat(values).containsExactly("r-client"));
        }
    }

    @Nested
    class Status401 {

        @Test
        void missingCredentialsAre401WithBothChallenges() {
            client.get()
                    .uri("/api/orders")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valuesMatch(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer realm=\"api-gateway\"",
                            "ApiKey realm=\"api-gateway\", header=\"x-api-key\"")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("missing-credentials")
                    .jsonPath("$.request_id")
                    .isNotEmpty();
        }

        @Test
        void unknownRevokedExpiredAndMalformedKeysGetTheSameAnswer() {
            StoredKey revoked = KEYS.key();
            KEYS.revoke(revoked.id());
            StoredKey expired = KEYS.key(KEYS.user(), Instant.now().minusSeconds(1));
            StoredKey ownerDisabled = KEYS.key(KEYS.user(false), null);
            String unknown = dev.apigw.keycore.KeyFormat.defaults().generate().value();
            String malformed =
                    revoked.value().substring(0, 20) + "xx" + revoked.value().substring(22);

            for (String key : new String[] {
                revoked.value(), expired.value(), ownerDisabled.value(), unknown, malformed, "not a key"
            }) {
                client.get()
                        .uri("/api/orders")
                        .header("x-api-key", key)
                        .header("X-Request-Id", "r1")
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectBody(String.class)
                        .isEqualTo("{\"detail\":\"The credentials presented are not valid.\","
                                + "\"status\":401,\"title\":\"Invalid credentials\","
                                + "\"type\":\"urn:apigw:problem:invalid-credentials\",\"code\":\"invalid-credentials\","
                                + "\"request_id\":\"r1\"}");
            }
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }
    }

    @Nested
    class Status400And404And502 {

        @Test
        void twoApiKeyHeadersAre400() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/orders")
                    .header("x-api-key", key.value(), key.value())
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("ambiguous-credentials");
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void keyInTheQueryStringIs400EvenWhenValid() {
            StoredKey key = KEYS.key();

            client.get()
                    .uri("/api/orders?api_key={k}", key.value())
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("key-in-url");
            assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        }

        @Test
        void unknownRouteIsA404Problem() {
            client.get()
                    .uri("/nowhere")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("not-found");
        }

        @Test
        void deadUpstreamIsA502ProblemWithoutDetails() {
            client.get()
                    .uri("/api/dead/x")
                    .header("x-api-key", KEYS.key().value())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(502)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class)
                    .value(body -> assertThat(body).doesNotContain("127.0.0.1").doesNotContain("Exception"));
        }

        /** Found by the reliability flood: a reset after the request was sent used to be a 500. */
        @ParameterizedTest
        @EnumSource(
                value = Fault.class,
                names = {
                    "CONNECTION_RESET_BY_PEER",
                    "EMPTY_RESPONSE",
                    "RANDOM_DATA_THEN_CLOSE",
                    "MALFORMED_RESPONSE_CHUNK"
                })
        void upstreamThatBreaksTheConnectionIsA502Problem(Fault fault) {
            DOWNSTREAM
                    .server()
                    .stubFor(any(urlPathEqualTo("/api/broken"))
                            .atPriority(1)
                            .willReturn(aResponse().withFault(fault)));

            client.get()
                    .uri("/api/broken")
                    .header("x-api-key", KEYS.key().value())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(502)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("bad-gateway");
        }
    }

    private static LoggedRequest onlyBackendRequest() {
        assertThat(DOWNSTREAM.backendRequests()).hasSize(1);
        return DOWNSTREAM.backendRequests().get(0);
    }
}
