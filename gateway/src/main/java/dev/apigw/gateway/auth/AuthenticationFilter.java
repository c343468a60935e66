package dev.apigw.gateway.auth;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.problem.GatewayProblem;
import dev.apigw.gateway.problem.ProblemWriter;
import dev.apigw.gateway.problem.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Authenticates every routed request. Unless the route's metadata says {@code auth: public}, it
 * authenticates by bearer JWT or, failing that, by API key (reading only those two headers), and
 * either forwards the request or answers with a problem. Every request it forwards — public routes
 * included — is rewritten once: every identity header the gateway owns is stripped and the request id
 * is set; for an authenticated caller, the credentials the backend should not see are dropped and the
 * caller is put in the exchange attribute {@link #CALLER_ATTRIBUTE}, from which
 * {@link IdentityHeadersFilter} sets the identity headers on the request the backend receives. So no
 * request goes on without having been stripped, and no unauthenticated request reaches a non-public
 * route.
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    /** Well before routing ({@code RouteToRequestUrlFilter} is at 10000). */
    public static final int ORDER = -1000;
    /** Route metadata key; the value {@code public} skips authentication, anything else requires it. */
    public static final String ROUTE_AUTH_METADATA = "auth";
    /**
     * Exchange attribute: the {@link AuthOutcome.Authenticated} caller of a request that was let through
     * (absent on public routes). Route filters that need the caller read it here: the identity headers
     * are only added as the request leaves the gateway ({@link IdentityHeadersFilter}).
     */
    public static final String CALLER_ATTRIBUTE = AuthenticationFilter.class.getName() + ".caller";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final IdentityHeaders identityHeaders;
    private final Authenticator authenticator;
    private final ProblemWriter problems;
    private final AuthMetrics metrics;
    private final String apiKeyHeader;
    private final String[] challenges;
    private final String retryAfterSeconds;

    AuthenticationFilter(
            IdentityHeaders identityHeaders,
            Authenticator authenticator,
            ProblemWriter problems,
            MeterRegistry meters,
            AuthProperties settings,
            ApiKeyProperties apiKeys) {
        this.identityHeaders = identityHeaders;
        this.authenticator = authenticator;
        this.problems = problems;
        this.metrics = new AuthMetrics(meters);
        this.apiKeyHeader = apiKeys.header();
        this.retryAfterSeconds = Long.toString(Math.max(1, apiKeys.retryAfter().toSeconds()));
        this.challenges = new String[] {
            "Bearer realm=\"" + settings.realm() + "\"",
            "ApiKey realm=\"" + settings.realm() + "\", header=\"" + apiKeys.header() + "\""
        };
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (isPublic(exchange)) {
            return chain.filter(forward(exchange, null));
        }
        Mono<AuthOutcome> decision = authenticator.authenticate(Credentials.from(exchange.getRequest(), apiKeyHeader));
        AuthOutcome decided = Ready.now(decision);
        if (decided != null) {
            return proceed(exchange, chain, decided); // decided without waiting: on, as a public request goes
        }
        return decision.flatMap(outcome -> proceed(exchange, chain, outcome));
    }

    private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, AuthOutcome outcome) {
        if (outcome instanceof AuthOutcome.Authenticated authenticated) {
            metrics.success(authenticated.method());
            return chain.filter(forward(exchange, authenticated));
        }
        return reject(exchange, (AuthOutcome.Rejected) outcome);
    }

    /**
     * The one rewrite of a request that goes on: stripped, with its request id, and its caller noted. Its
     * headers are a view of the client's ({@link IdentityHeaders#forwarded}), not a copy.
     */
    private ServerWebExchange forward(ServerWebExchange exchange, AuthOutcome.@Nullable Authenticated caller) {
        if (caller != null) {
            exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers =
                identityHeaders.forwarded(request.getHeaders(), caller != null, RequestIdFilter.of(exchange));
        return exchange.mutate().request(new ForwardedRequest(request, headers)).build();
    }

    /** A request with other headers. */
    private static final class ForwardedRequest extends ServerHttpRequestDecorator {

        private final HttpHeaders headers;

        ForwardedRequest(ServerHttpRequest request, HttpHeaders headers) {
            super(request);
            this.headers = headers;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    private Mono<Void> reject(ServerWebExchange exchange, AuthOutcome.Rejected rejected) {
        GatewayProblem problem = GatewayProblem.of(rejected.reason());
        metrics.rejected(rejected, problem == GatewayProblem.UNAVAILABLE);
        log.debug(
                "Rejected {} {}: {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                rejected.reason());
        return problems.write(exchange, problem, headers -> {
            if (problem.status().value() == 401) {
                for (String challenge : challenges) {
                    headers.add(HttpHeaders.WWW_AUTHENTICATE, challenge);
                }
            }
            if (problem == GatewayProblem.UNAVAILABLE) {
                headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            }
        });
    }

    private static boolean isPublic(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null
                && "public".equals(String.valueOf(route.getMetadata().get(ROUTE_AUTH_METADATA)));
    }
}
