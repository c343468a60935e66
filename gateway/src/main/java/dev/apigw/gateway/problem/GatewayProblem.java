package dev.apigw.gateway.problem;

import dev.apigw.gateway.auth.FailureReason;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every error the gateway itself answers, with its stable code ({@code urn:apigw:problem:<code>}) and
 * public wording. {@link #of(FailureReason)} is the one mapping from authentication outcome to HTTP:
 * unknown, revoked, expired and malformed credentials share one answer so that callers cannot probe
 * which keys exist; the real reason goes to logs and metrics only.
 */
public enum GatewayProblem {
    MISSING_CREDENTIALS(
            HttpStatus.UNAUTHORIZED,
            "missing-credentials",
            "Authentication required",
            "Send a bearer token in the Authorization header or an API key in the x-api-key header."),
    INVALID_CREDENTIALS(
            HttpStatus.UNAUTHORIZED,
            "invalid-credentials",
            "Invalid credentials",
            "The credentials presented are not valid."),
    AMBIGUOUS_CREDENTIALS(
            HttpStatus.BAD_REQUEST,
            "ambiguous-credentials",
            "Ambiguous credentials",
            "Send at most one Authorization header and at most one x-api-key header."),
    KEY_IN_URL(
            HttpStatus.BAD_REQUEST,
            "key-in-url",
            "API key in the URL",
            "API keys are accepted only in the x-api-key header, never in the URL; treat this key as leaked."),
    INSUFFICIENT_SCOPE(
            HttpStatus.FORBIDDEN,
            "insufficient-scope",
            "Insufficient scope",
            "The credentials are valid but lack a scope this request needs."),
    UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            "The credentials cannot be checked right now; retry later."),
    INVALID_PATH(
            HttpStatus.BAD_REQUEST,
            "invalid-path",
            "Invalid path",
            "The path holds a dot-segment, an encoded slash or backslash, a ';', a control character,"
                    + " a malformed escape or an empty segment ('//'); send the path in its plain form."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such route", "No route matches this path."),
    PAYLOAD_TOO_LARGE(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload-too-large",
            "Request too large",
            "The request exceeds the allowed size."),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "The request could not be processed."),
    BAD_GATEWAY(
            HttpStatus.BAD_GATEWAY,
            "bad-gateway",
            "Upstream unavailable",
            "The service behind the gateway could not be reached."),
    GATEWAY_TIMEOUT(
            HttpStatus.GATEWAY_TIMEOUT,
            "gateway-timeout",
            "Upstream timeout",
            "The service behind the gateway did not answer in time."),
    INTERNAL(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "An unexpected error occurred; quote the request id."),
    RATE_LIMITED(
            HttpStatus.TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            "The request rate allowed to this caller is exceeded; retry after the time given in Retry-After."),
    /** Its type is the one draft-ietf-httpapi-ratelimit-headers-11 defines, with {@code violated-policies}. */
    QUOTA_EXCEEDED(
            HttpStatus.TOO_MANY_REQUESTS,
            "quota-exceeded",
            "Request cannot be satisfied as assigned quota has been exceeded",
            "This caller's quota for the current window is used up; it renews at the time given in Retry-After."),
    LIMITS_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE,
            "limits-unavailable",
            "Temporarily unavailable",
            "Request limits cannot be checked right now; retry later.");

    private static final URI QUOTA_EXCEEDED_TYPE =
            URI.create("https://iana.org/assignments/http-problem-types#quota-exceeded");

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final String detail;

    GatewayProblem(HttpStatus status, String code, String title, String detail) {
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
    }

    public static GatewayProblem of(FailureReason reason) {
        return switch (reason) {
            case MISSING_CREDENTIALS -> MISSING_CREDENTIALS;
            case DUPLICATE_CREDENTIALS -> AMBIGUOUS_CREDENTIALS;
            case KEY_IN_QUERY -> KEY_IN_URL;
            case KEY_STORE_UNAVAILABLE -> UNAVAILABLE;
            case INVALID_TOKEN, LOCKED_OUT_TOKEN, MALFORMED_KEY, UNKNOWN_KEY, REVOKED_KEY, EXPIRED_KEY, DISABLED_USER ->
                INVALID_CREDENTIALS;
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public URI type() {
        if (this == QUOTA_EXCEEDED) {
            return QUOTA_EXCEEDED_TYPE;
        }
        return URI.create("urn:apigw:problem:" + code);
    }
}
