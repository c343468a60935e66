package dev.apigw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.apigw.gateway.problem.ProblemWriters;
import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class AuthenticationFilterTest {

    private final Authenticator authenticator = mock(Authenticator.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuthenticationFilter filter = new AuthenticationFilter(
            new IdentityHeaders(Settings.auth(), Settings.apiKeys()),
            authenticator,
            ProblemWriters.with(ServerCodecConfigurer.create()),
            meters,
            Settings.auth(),
            Settings.apiKeys());
    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.set(exchange);
        return Mono.empty();
    };

    @Test
    void isOrderedWellBeforeRouting() {
        assertThat(filter.getOrder()).isLessThan(10_000).isEqualTo(AuthenticationFilter.ORDER);
    }

    @Test
    void authenticatedRequestIsForwardedStrippedWithItsCallerNoted() {
        UUID keyId = UUID.randomUUID();
        AuthOutcome.Authenticated caller = new AuthOutcome.Authenticated("user-7", AuthMethod.API_KEY, keyId);
        when(authenticator.authenticate(any())).thenReturn(Mono.just(caller));
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.get("/api/orders")
                        .header("x-api-key", "gwk_whatever")
                        .header("X-User-Id", "admin")
                        .header("x_user_id", "root")
                        .header("X-Api-Key-Id", "forged"),
                "required");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        // Route filters see no identity header at all; IdentityHeadersFilter sets them from the attribute.
        HttpHeaders headers = forwarded.get().getRequest().getHeaders();
        assertThat(headers.containsHeader("X-User-Id")).isFalse();
        assertThat(headers.containsHeader("x_user_id")).isFalse();
        assertThat(headers.containsHeader("X-Api-Key-Id")).isFalse();
        assertThat(headers.containsHeader("x-api-key")).isFalse();
        assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
        assertThat((Object) forwarded.get().getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE))
                .isEqualTo(caller);
        assertThat(meters.counter("gateway.auth.outcomes", "method", "api_key", "outcome", "success", "reason", "none")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aDecisionStillPendingHoldsTheRequestUntilItArrives() {
        AuthOutcome.Authenticated caller =
                new AuthOutcome.Authenticated("user-8", AuthMethod.API_KEY, UUID.randomUUID());
        Sinks.One<AuthOutcome> lookup = Sinks.one();
        when(authenticator.authenticate(any())).thenReturn(lookup.asMono());
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.get("/api/orders")
                        .header("x-api-key", "gwk_whatever")
                        .header("X-User-Id", "admin"),
                "required");

        StepVerifier.create(filter.filter(exchange, chain))
                .then(() -> assertThat(forwarded.get())
                        .as("not before the decision")
                        .isNull())
                .then(() -> lookup.tryEmitValue(caller))
                .verifyComplete();

        assertThat(forwarded.get().getRequest().getHeaders().containsHeader("X-User-Id"))
                .isFalse();
        assertThat(forwarded.get().getRequest().getHeaders().containsHeader("x-api-key"))
                .isFalse();
        assertThat((Object) forwarded.get().getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE))
                .isEqualTo(caller);
    }

    @Test
    void publicRouteIsForwardedStrippedAndUnauthenticated() {
        MockServerWebExchange exchange = exchange(
                MockServerHttpRequest.get("/api/auth/login")
                        .header("X-User-Id", "admin")
                        .header("X-Auth-Method", "jwt"),
                "public");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        assertThat(forwarded.get().getRequest().getHeaders().containsHeader("X-User-Id"))
                .isFalse();
        assertThat(forwarded.get().getRequest().getHeaders().containsHeader("X-Auth-Method"))
                .isFalse();
        assertThat((Object) forwarded.get().getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE))
                .isNull();
        verifyNoInteractions(authenticator);
    }

    @Test
    void unknownMetadataValueFailsClosed() {
        when(authenticator.authenticate(any()))
                .thenReturn(Mono.just(AuthOutcome.rejected(FailureReason.MISSING_CREDENTIALS, null)));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x"), "Public ");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void rejectedRequestIsAnsweredWithA401ProblemAndBothChallenges() {
        when(authenticator.authenticate(any()))
                .thenReturn(Mono.just(AuthOutcome.rejected(FailureReason.REVOKED_KEY, AuthMethod.API_KEY)));
        MockServerWebExchange exchange =
                exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "a"), "required");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().get("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"api-gateway\"", "ApiKey realm=\"api-gateway\", header=\"x-api-key\"");
        StepVerifier.create(exchange.getResponse().getBodyAsString())
                .assertNext(body -> assertThat(body)
                        .contains("\"code\":\"invalid-credentials\"")
                        .doesNotContain("revoked")
                        .doesNotContain("REVOKED"))
                .verifyComplete();
    }

    @Test
    void unknownRevokedExpiredAndMalformedKeysLookTheSame() {
        for (FailureReason reason : new FailureReason[] {
            FailureReason.UNKNOWN_KEY,
            FailureReason.REVOKED_KEY,
            FailureReason.EXPIRED_KEY,
            FailureReason.MALFORMED_KEY,
            FailureReason.DISABLED_USER
        }) {
            when(authenticator.authenticate(any()))
                    .thenReturn(Mono.just(AuthOutcome.rejected(reason, AuthMethod.API_KEY)));
            MockServerWebExchange exchange =
                    exchange(MockServerHttpRequest.get("/api/x").header("X-Request-Id", "same"), "required");

            StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

            StepVerifier.create(exchange.getResponse().getBodyAsString())
                    .assertNext(body -> assertThat(body)
                            .as(reason.name())
                            .contains("\"code\":\"invalid-credentials\"")
                            .contains("\"detail\":\"The credentials presented are not valid.\""))
                    .verifyComplete();
        }
    }

    @Test
    void keyStoreOutageIs503WithRetryAfter() {
        when(authenticator.authenticate(any()))
                .thenReturn(Mono.just(AuthOutcome.rejected(FailureReason.KEY_STORE_UNAVAILABLE, AuthMethod.API_KEY)));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x"), "required");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().containsHeader("WWW-Authenticate"))
                .isFalse();
    }

    @Test
    void ambiguousCredentialsAre400() {
        when(authenticator.authenticate(any()))
                .thenReturn(Mono.just(AuthOutcome.rejected(FailureReason.DUPLICATE_CREDENTIALS, null)));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x"), "required");

        StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, String auth) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        Route route = Route.async()
                .id("test")
                .uri(URI.create("http://backend.invalid"))
                .predicate(e -> true)
                .metadata(Map.of(AuthenticationFilter.ROUTE_AUTH_METADATA, auth))
                .build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
