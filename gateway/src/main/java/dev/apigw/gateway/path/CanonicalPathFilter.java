package dev.apigw.gateway.path;

import dev.apigw.gateway.problem.GatewayProblem;
import dev.apigw.gateway.problem.ProblemWriter;
import dev.apigw.gateway.problem.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, with 400 {@code invalid-path}, every request whose raw path is not canonical
 * ({@link PathRule}). A web filter, so it runs before Spring Cloud Gateway picks a route (route
 * matching happens in the handler mapping, after every web filter; global filters run only once a route
 * matched): it applies to every route, public ones included, and to paths no route matches. A path
 * that passes is left exactly as sent, so routing, authentication and the backend all see the same one.
 */
@Component
public class CanonicalPathFilter implements WebFilter, Ordered {

    /** Right after {@link RequestIdFilter}, so a refusal carries the request id. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    private static final Logger log = LoggerFactory.getLogger(CanonicalPathFilter.class);

    private final ProblemWriter problems;

    CanonicalPathFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathRule.Violation violation =
                PathRule.check(exchange.getRequest().getURI().getRawPath());
        if (violation == null) {
            return chain.filter(exchange);
        }
        // The reason, not the path: it is the client's text, and may hold anything the rule refuses.
        log.debug("Refused a non-canonical path (request {}): {}", RequestIdFilter.of(exchange), violation);
        return problems.write(exchange, GatewayProblem.INVALID_PATH, headers -> {});
    }

    /**
     * Spring's web filter chain asks every filter for its name on every request (a Reactor checkpoint);
     * a constant spares building {@code Object.toString()}'s each time.
     */
    @Override
    public String toString() {
        return "CanonicalPathFilter";
    }
}
