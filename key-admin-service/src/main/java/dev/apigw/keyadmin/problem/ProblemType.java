package dev.apigw.keyadmin.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every error a client of this service can see. The {@code code} is stable and machine-readable; the
 * type URI is {@code urn:apigw:problem:<code>}; titles never change with the occurrence.
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid"),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Username or password is wrong"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "A valid access token is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this user"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The request body must be application/json"),
    KEY_LIMIT_REACHED(HttpStatus.CONFLICT, "key-limit-reached", "Too many active keys"),
    SCOPE_NOT_HELD(HttpStatus.FORBIDDEN, "scope-not-held", "A key cannot carry a scope its owner does not hold"),
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many failed logins; retry later"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error");

    private final HttpStatus status;
    private final String code;
    private final String title;

    ProblemType(HttpStatus status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
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

    public URI uri() {
        return URI.create("urn:apigw:problem:" + code);
    }
}
