package dev.apigw.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code gateway.auth.outcomes{method,outcome,reason}}, with every counter registered up front so that
 * counting a request is an increment, not a lookup.
 */
final class AuthMetrics {

    private static final String NAME = "gateway.auth.outcomes";

    /** By method ordinal. */
    private final Counter[] successes = new Counter[AuthMethod.values().length];
    /** By reason ordinal, then method ordinal + 1; index 0 is "no credential". */
    private final Counter[][] failures = new Counter[FailureReason.values().length][];

    AuthMetrics(MeterRegistry meters) {
        for (AuthMethod method : AuthMethod.values()) {
            successes[method.ordinal()] =
                    meters.counter(NAME, "method", method.tag(), "outcome", "success", "reason", "none");
        }
        for (FailureReason reason : FailureReason.values()) {
            Counter[] byMethod = new Counter[AuthMethod.values().length + 1];
            String outcome = reason == FailureReason.KEY_STORE_UNAVAILABLE ? "unavailable" : "rejected";
            String tag = reason.name().toLowerCase(Locale.ROOT);
            byMethod[0] = meters.counter(NAME, "method", "none", "outcome", outcome, "reason", tag);
            for (AuthMethod method : AuthMethod.values()) {
                byMethod[method.ordinal() + 1] =
                        meters.counter(NAME, "method", method.tag(), "outcome", outcome, "reason", tag);
            }
            failures[reason.ordinal()] = byMethod;
        }
    }

    void success(AuthMethod method) {
        successes[method.ordinal()].increment();
    }

    void rejected(AuthOutcome.Rejected rejected, boolean unavailable) {
        AuthMethod method = rejected.method();
        failures[rejected.reason().ordinal()][method == null ? 0 : method.ordinal() + 1].increment();
    }
}
