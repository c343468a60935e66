package dev.apigw.keyadmin.problem;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An expected failure with its public meaning. {@code detail} is shown to the client, so it must never
 * contain a secret. Carries no stack trace: it is an outcome, not a bug.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final @Nullable Duration retryAfter;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /** With {@code retryAfter}, the answer says in {@code Retry-After} when to try again. */
    public ApiException(ProblemType type, String detail, @Nullable Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }
}
