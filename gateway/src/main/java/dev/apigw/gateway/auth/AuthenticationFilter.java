package dev.apigw.gateway.auth;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.problem.GatewayProblem;
import dev.apigw.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Authenticates every routed request. First strips every identity header the gateway owns (on every
 * route, public ones included); then, unless the route's metadata says {@code auth: public},
 * authenticates by bearer JWT or, failing that, by API key, and either forwards the request with the
 * caller's identity headers or answers with a problem. It never lets a request through without
 * having stripped it, and never lets an unauthenticated request reach a non-public route.
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    /** Well before routing ({@code RouteToRequestUrlFilter} is at 10000). */
    public static final int ORDER = -1000;
    /** Route metadata key; the value {@code public} skips authentication, anything else requires it. */
    public static final String ROUTE_AUTH_METADATA = "auth";

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final IdentityHeaders identityHeaders;
    private final Authenticator authenticator;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final String apiKeyHeader;
    private final String[] challenges;
    private final String retryAfterSeconds;

    AuthenticationFilter(IdentityHeaders identityHeaders, Authenticator authenticator, ProblemWriter problems,
                         MeterRegistry meters, AuthProperties settings, ApiKeyProperties apiKeys) {
        this.identityHeaders = identityHeaders;
        this.authenticator = authenticator;
        this.problems = problems;
        this.meters = meters;
        this.apiKeyHeader = apiKeys.header();
        this.retryAfterSeconds = Long.toString(Math.max(1, apiKeys.retryAfter().toSeconds()));
        this.challenges = new String[] {"Bearer realm=\"" + settings.realm() + "\"",
                "ApiKey realm=\"" + settings.realm() + "\", header=\"" + apiKeys.header() + "\""};
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest stripped = exchange.getRequest().mutate().headers(identityHeaders::strip).build();
        ServerWebExchange clean = exchange.mutate().request(stripped).build();
        if (isPublic(exchange)) {
            return chain.filter(clean);
        }
        return authenticator.authenticate(Credentials.from(stripped, apiKeyHeader))
                .flatMap(outcome -> {
                    if (outcome instanceof AuthOutcome.Authenticated authenticated) {
                        count(authenticated.method().tag(), "success", "none");
                        return chain.filter(clean.mutate()
                                .request(r -> r.headers(h -> identityHeaders.inject(h, authenticated)))
                                .build());
                    }
                    return reject(clean, (AuthOutcome.Rejected) outcome);
                });
    }

    private Mono<Void> reject(ServerWebExchange exchange, AuthOutcome.Rejected rejected) {
        GatewayProblem problem = GatewayProblem.of(rejected.reason());
        String method = rejected.method() == null ? "none" : rejected.method().tag();
        count(method, problem == GatewayProblem.UNAVAILABLE ? "unavailable" : "rejected",
                rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
        log.debug("Rejected {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
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
        return route != null && "public".equals(String.valueOf(route.getMetadata().get(ROUTE_AUTH_METADATA)));
    }

    private void count(String method, String outcome, String reason) {
        meters.counter("gateway.auth.outcomes", "method", method, "outcome", outcome, "reason", reason).increment();
    }
}
