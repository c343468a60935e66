package dev.apigw.keyadmin.problem;

/**
 * An expected failure with its public meaning. {@code detail} is shown to the client, so it must never
 * contain a secret. Carries no stack trace: it is an outcome, not a bug.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;

    public ApiException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }
}
