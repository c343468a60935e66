package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.auth.AuthenticationFilter;
import dev.apigw.gateway.config.RateLimitProperties;
import dev.apigw.gateway.limiter.Decision;
import dev.apigw.gateway.limiter.Limiter;
import dev.apigw.gateway.limiter.Policy;
import dev.apigw.gateway.problem.GatewayProblem;
import dev.apigw.gateway.problem.ProblemWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Holds every authenticated caller to its limits. It runs after authentication and after the scope
 * check, so a request refused for its credentials or its scope is never counted; public routes and
 * routes whose limits are off pass untouched. An admitted request goes on (with the
 * {@link RateLimitFields} when so configured); a refused one is answered 429 here, so it never reaches
 * the backend, and it was counted by no policy; when limits cannot be checked and the gateway fails
 * closed, 503.
 */
public class RateLimitFilter implements GlobalFilter, Ordered {

    /** After the scope check (-900), well before routing. */
    public static final int ORDER = AuthenticationFilter.ORDER + 200;

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final LimitPlanner planner;
    private final Limiter limiter;
    private final ProblemWriter problems;
    private final RateLimitMetrics metrics;
    private final Clock clock;
    private final boolean headersOnSuccess;

    RateLimitFilter(
            LimitPlanner planner,
            Limiter limiter,
            ProblemWriter problems,
            RateLimitMetrics metrics,
            Clock clock,
            RateLimitProperties settings) {
        this.planner = planner;
        this.limiter = limiter;
        this.problems = problems;
        this.metrics = metrics;
        this.clock = clock;
        this.headersOnSuccess = settings.headersOnSuccess();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        AuthOutcome.Authenticated caller = exchange.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
        if (caller == null) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        LimitPlanner.Plan plan = planner.plan(caller, caller.limits(), route);
        if (plan == null) {
            return chain.filter(exchange);
        }
        return limiter.decide(plan.caller(), plan.policies()).flatMap(decision -> act(exchange, chain, decision));
    }

    private Mono<Void> act(ServerWebExchange exchange, GatewayFilterChain chain, Decision decision) {
        metrics.decided(decision);
        Instant now = clock.instant();
        switch (decision.verdict()) {
            case ADMITTED -> {
                if (headersOnSuccess) {
                    RateLimitFields.write(exchange.getResponse().getHeaders(), decision, now);
                }
                return chain.filter(exchange);
            }
            case REFUSED -> {
                List<Policy> violated = decision.violated();
                boolean quota = violated.stream().anyMatch(Policy.Quota.class::isInstance);
                log.debug(
                        "Refused {} {}: over {}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        violated);
                return problems.write(
                        exchange,
                        quota ? GatewayProblem.QUOTA_EXCEEDED : GatewayProblem.RATE_LIMITED,
                        headers -> {
                            RateLimitFields.write(headers, decision, now);
                            headers.set(
                                    HttpHeaders.RETRY_AFTER,
                                    Long.toString(Math.max(1, RateLimitFields.seconds(decision.retryAfter()))));
                        },
                        Map.of(
                                "violated-policies",
                                violated.stream().map(Policy::name).toList()));
            }
            default -> {
                return problems.write(
                        exchange,
                        GatewayProblem.LIMITS_UNAVAILABLE,
                        headers -> headers.set(HttpHeaders.RETRY_AFTER, "1"));
            }
        }
    }
}
