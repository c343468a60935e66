package dev.apigw.gateway.limiter;

import java.time.Duration;

/**
 * Where one policy stands after a decision.
 *
 * @param policy     the policy
 * @param remaining  requests it would still admit now (0 when it refused)
 * @param reset      until the policy is back to its full allowance (a rate's bucket full again, a
 *                   quota's window over)
 * @param retryAfter until it would admit a request; zero when it admits one now
 */
public record PolicyState(Policy policy, long remaining, Duration reset, Duration retryAfter) {

    /** Whether this policy refused the request. */
    public boolean refused() {
        return retryAfter.compareTo(Duration.ZERO) > 0;
    }
}
