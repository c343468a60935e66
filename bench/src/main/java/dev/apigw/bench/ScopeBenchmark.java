package dev.apigw.bench;

import dev.apigw.gateway.auth.AuthMethod;
import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.auth.AuthenticationFilter;
import dev.apigw.gateway.scope.BenchScopes;
import dev.apigw.gateway.scope.RouteScopes;
import dev.apigw.gateway.scope.ScopeFilter;
import dev.apigw.gateway.scope.ScopeRequirement;
import dev.apigw.gateway.scope.Scopes;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The scope decision (issue #24) in-process: what a request costs once its caller's scopes were worked
 * out with its cached key or verified token, and its route's requirements parsed. The caller holds
 * eight scopes; the route requires per method (any of / all of).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScopeBenchmark {

    private final Scopes held = Scopes.of(
            "orders:read",
            "orders:write",
            "billing:write",
            "reports:read",
            "customers:read",
            "customers:write",
            "inventory:read",
            "shipping:read");
    private RouteScopes routeScopes;
    private ScopeRequirement anyOf;
    private ScopeRequirement allOf;
    private ScopeFilter filter;
    private AuthOutcome.Authenticated caller;
    private Route scopedRoute;
    private Route plainRoute;
    private ServerWebExchange scopedExchange;
    private ServerWebExchange plainExchange;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        Map<String, Object> metadata = Map.of(
                RouteScopes.METADATA,
                Map.of(
                        "GET", "orders:read | orders:admin",
                        "POST", "orders:write & billing:write",
                        "DELETE", "orders:admin"));
        routeScopes = RouteScopes.of(metadata);
        anyOf = ScopeRequirement.parse("orders:admin | orders:read");
        allOf = ScopeRequirement.parse("orders:write & billing:write");
        filter = BenchScopes.filter();
        caller = new AuthOutcome.Authenticated("user-1", AuthMethod.API_KEY, UUID.randomUUID(), held);
        scopedRoute = Route.async()
                .id("scoped")
                .uri(URI.create("http://backend.invalid"))
                .predicate(e -> true)
                .metadata(metadata)
                .build();
        plainRoute = Route.async()
                .id("plain")
                .uri(URI.create("http://backend.invalid"))
                .predicate(e -> true)
                .build();
        scopedExchange = exchange(scopedRoute, HttpMethod.POST);
        plainExchange = exchange(plainRoute, HttpMethod.POST);
        if (!decisionPerMethodAllOf() || !filterScopedRoute() || runFilter(exchange(scopedRoute, HttpMethod.DELETE))) {
            throw new IllegalStateException("benchmark decisions are not what they should be");
        }
    }

    /** Any of two, the second held. */
    @Benchmark
    public boolean decisionAnyOf() {
        return anyOf.satisfiedBy(held);
    }

    /** All of two, both held. */
    @Benchmark
    public boolean decisionAllOf() {
        return allOf.satisfiedBy(held);
    }

    /** The route's requirement for the method, then the decision. */
    @Benchmark
    public boolean decisionPerMethodAllOf() {
        ScopeRequirement required = routeScopes.requirement(HttpMethod.POST);
        return required == null || required.satisfiedBy(held);
    }

    /** The whole filter on a route that requires a scope the caller holds (route lookup included). */
    @Benchmark
    public boolean filterScopedRoute() {
        return runFilter(scopedExchange);
    }

    /** The whole filter on a route without requirements: the baseline. */
    @Benchmark
    public boolean filterRouteWithoutScopes() {
        return runFilter(plainExchange);
    }

    /** A request let through is not changed by the filter: one exchange serves every invocation. */
    private ServerWebExchange exchange(Route route, HttpMethod method) {
        ServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(method, "/orders/1").build());
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        exchange.getAttributes().put(AuthenticationFilter.CALLER_ATTRIBUTE, caller);
        return exchange;
    }

    private boolean runFilter(ServerWebExchange exchange) {
        boolean[] passed = {false};
        filter.filter(exchange, e -> {
                    passed[0] = true;
                    return Mono.empty();
                })
                .subscribe();
        return passed[0];
    }
}
