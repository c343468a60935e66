package dev.apigw.gateway.scope;

import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.auth.AuthenticationFilter;
import dev.apigw.gateway.cache.WeakMemo;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.problem.GatewayProblem;
import dev.apigw.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets an authenticated caller on only when its scopes meet what the route requires of the request's
 * method ({@link RouteScopes}); otherwise answers 403 {@code insufficient-scope} with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…"} (RFC 6750 §3.1), never 401: the
 * caller is known, it is just not allowed. Public routes and routes without requirements pass. A
 * route's requirements are parsed once (per route object, so a refresh of the routes is seen); a route
 * whose metadata cannot be read is refused to everyone and logged, never let through.
 */
@Component
public class ScopeFilter implements GlobalFilter, Ordered {

    /** Right after authentication, before anything that counts or forwards a request. */
    public static final int ORDER = AuthenticationFilter.ORDER + 100;

    private static final Logger log = LoggerFactory.getLogger(ScopeFilter.class);

    /** Requests refused for a missing scope, by route id. */
    static final String REFUSALS = "gateway.auth.scope.refusals";

    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final String realm;
    private final WeakMemo<Route, RouteScopes> routes = WeakMemo.of(ScopeFilter::parse);

    ScopeFilter(ProblemWriter problems, AuthProperties settings, MeterRegistry meters) {
        this.problems = problems;
        this.meters = meters;
        this.realm = settings.realm();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        AuthOutcome.Authenticated caller = exchange.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (caller == null || route == null) {
            return chain.filter(exchange); // public: nobody to check
        }
        ScopeRequirement required =
                scopesOf(route).requirement(exchange.getRequest().getMethod());
        if (required == null || required.satisfiedBy(caller.scopes())) {
            return chain.filter(exchange);
        }
        meters.counter(REFUSALS, "route", route.getId()).increment();
        log.debug(
                "Refused {} {} to {}: needs {}, holds [{}]",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                caller.userId(),
                required,
                caller.scopes().headerValue());
        return problems.write(
                exchange,
                GatewayProblem.INSUFFICIENT_SCOPE,
                "The credentials are valid but lack a scope: " + required.describe() + ".",
                Map.of("required_scopes", required.names(), "all_required", required.needsAll()),
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(required)));
    }

    /** The route's requirements; a route whose metadata is wrong requires what nobody holds. */
    RouteScopes scopesOf(Route route) {
        return routes.get(route);
    }

    private static RouteScopes parse(Route route) {
        try {
            return RouteScopes.of(route.getMetadata());
        } catch (IllegalArgumentException wrong) {
            log.error(
                    "Route {} is refused to every caller: its scope metadata is wrong: {}",
                    route.getId(),
                    wrong.getMessage());
            return RouteScopes.NO_ONE;
        }
    }

    private String challenge(ScopeRequirement required) {
        StringBuilder value =
                new StringBuilder("Bearer realm=\"").append(realm).append("\", error=\"insufficient_scope\"");
        if (!required.scopes().isEmpty()) {
            value.append(", scope=\"").append(required.scopes()).append('"');
        }
        return value.toString();
    }
}
