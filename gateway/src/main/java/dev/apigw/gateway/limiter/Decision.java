package dev.apigw.gateway.limiter;

import java.time.Duration;
import java.util.List;

/**
 * The answer for one request over all of its caller's policies: admitted only if every policy
 * admitted it (and then each counted it), refused otherwise (and none counted it), or unavailable when
 * no limiter could answer and the configuration says to refuse rather than guess.
 *
 * @param verdict what to do with the request
 * @param states  one per policy, in the order asked; empty when unavailable
 * @param local   whether the answer came from this instance's memory rather than the shared store
 */
public record Decision(Verdict verdict, List<PolicyState> states, boolean local) {

    public Decision {
        states = List.copyOf(states);
    }

    /** The three outcomes. */
    public enum Verdict {
        ADMITTED,
        REFUSED,
        UNAVAILABLE
    }

    static Decision unavailable() {
        return new Decision(Verdict.UNAVAILABLE, List.of(), true);
    }

    /** How long until every refusing policy admits again; zero unless refused. */
    public Duration retryAfter() {
        Duration longest = Duration.ZERO;
        for (PolicyState state : states) {
            if (state.retryAfter().compareTo(longest) > 0) {
                longest = state.retryAfter();
            }
        }
        return longest;
    }

    /** The policies that refused, in order. */
    public List<Policy> violated() {
        return states.stream()
                .filter(PolicyState::refused)
                .map(PolicyState::policy)
                .toList();
    }
}
