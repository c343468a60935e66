package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.limiter.Decision;
import dev.apigw.gateway.limiter.Policy;
import dev.apigw.gateway.limiter.PolicyState;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;

/**
 * The header fields of draft-ietf-httpapi-ratelimit-headers-11 (May 2026), Structured Field lists with
 * one item per policy: {@code RateLimit-Policy: "rate";q=50;w=1;apigw-burst=100, "daily";q=1000;w=86400}
 * (quota {@code q} per window {@code w} seconds; the burst as a vendor parameter) and
 * {@code RateLimit: "rate";r=49;t=1, "daily";r=999;t=3600} (requests {@code r} remaining; {@code t} the
 * seconds until the policy is back to its full allowance, or, for a policy that refused, until it admits
 * again, so never after {@code Retry-After}). No partition key is sent: callers know who they are.
 */
final class RateLimitFields {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private RateLimitFields() {}

    static void write(HttpHeaders headers, Decision decision, Instant now) {
        StringBuilder policies = new StringBuilder(64);
        StringBuilder states = new StringBuilder(48);
        for (PolicyState state : decision.states()) {
            Policy policy = state.policy();
            if (policies.length() > 0) {
                policies.append(", ");
                states.append(", ");
            }
            policies.append('"')
                    .append(policy.name())
                    .append("\";q=")
                    .append(policy.limit())
                    .append(";w=");
            if (policy instanceof Policy.Rate rate) {
                policies.append(Math.max(1, rate.window().toSeconds()))
                        .append(";apigw-burst=")
                        .append(rate.burst());
            } else {
                policies.append(((Policy.Quota) policy).period().windowSeconds(now));
            }
            Duration until = state.refused() ? state.retryAfter() : state.reset();
            states.append('"')
                    .append(policy.name())
                    .append("\";r=")
                    .append(state.remaining())
                    .append(";t=")
                    .append(seconds(until));
        }
        headers.set(POLICY, policies.toString());
        headers.set(STATE, states.toString());
    }

    /** Whole seconds, rounded up: a client that waits this long is never early. */
    static long seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
