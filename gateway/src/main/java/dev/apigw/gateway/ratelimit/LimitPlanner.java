package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.auth.AuthOutcome;
import dev.apigw.gateway.limiter.Policy;
import dev.apigw.keycore.limits.LimitKeys;
import dev.apigw.keycore.limits.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;

/**
 * The policies one request is held to: each part (rate, quota) from the caller's key if it sets one,
 * else from the route's metadata, else the gateway's default; none on a route whose limits are off.
 * An API key is counted per key, a token per user. Thread-safe.
 */
final class LimitPlanner {

    /** The rate policy's name in the header fields and the counter's key. */
    static final String RATE = "rate";

    private final RouteLimits routes;
    private final Limits defaults;

    LimitPlanner(RouteLimits routes, Limits defaults) {
        this.routes = routes;
        this.defaults = defaults;
    }

    /** What to count this request against, or null when nothing limits it. */
    @Nullable
    Plan plan(AuthOutcome.Authenticated caller, Limits keyLimits, @Nullable Route route) {
        Limits routeLimits = routes.of(route);
        if (routeLimits == RouteLimits.OFF) {
            return null;
        }
        Limits limits = keyLimits.over(routeLimits.over(defaults));
        if (limits.isEmpty()) {
            return null;
        }
        List<Policy> policies = new ArrayList<>(2);
        Limits.Rate rate = limits.rate();
        if (rate != null) {
            policies.add(new Policy.Rate(RATE, rate.limit(), rate.window(), rate.burst()));
        }
        Limits.Quota quota = limits.quota();
        if (quota != null) {
            policies.add(new Policy.Quota(quota.period().policyName(), quota.limit(), quota.period()));
        }
        UUID keyId = caller.keyId();
        String tag = keyId != null ? LimitKeys.keyCaller(keyId) : LimitKeys.userCaller(caller.userId());
        return new Plan(tag, List.copyOf(policies));
    }

    /** A caller's tag and the policies it is held to. */
    record Plan(String caller, List<Policy> policies) {}
}
