package dev.apigw.keyadmin.problem;

import dev.apigw.keyadmin.support.ControlCharacters;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where failures become HTTP: every exception, from a handler or a filter, is answered
 * as RFC 9457 {@code application/problem+json} with a stable type, a safe detail and the request id.
 * Unexpected exceptions are logged with their stack trace and answered 500 without one.
 */
@Component
@Order(-2) // before Spring Boot's own ErrorWebExceptionHandler (-1)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final String WWW_AUTHENTICATE = "Bearer realm=\"key-admin\"";

    private final ServerResponse.Context context;

    public ProblemExceptionHandler(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ApiException problem = classify(error);
        ProblemType type = problem.type();
        if (type == ProblemType.INTERNAL) {
            log.error(
                    "Unexpected failure on {} {} (request {})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    RequestIdFilter.of(exchange),
                    error);
        } else if (type == ProblemType.UNAVAILABLE) {
            log.warn(
                    "Database unavailable on {} (request {}): {}",
                    exchange.getRequest().getPath(),
                    RequestIdFilter.of(exchange),
                    error.toString());
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), problem.getMessage());
        body.setType(type.uri());
        body.setTitle(type.title());
        body.setInstance(null);
        body.setProperty("code", type.code());
        body.setProperty("request_id", RequestIdFilter.of(exchange));
        return ServerResponse.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> addChallenge(problem, headers))
                .bodyValue(body)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static void addChallenge(ApiException problem, HttpHeaders headers) {
        ProblemType type = problem.type();
        if (type.status() == HttpStatus.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
        }
        if (type == ProblemType.UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        Duration retryAfter = problem.retryAfter();
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
    }

    static ApiException classify(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof WebExchangeBindException bind) {
            return ApiException.invalid(describe(bind));
        }
        if (error instanceof HandlerMethodValidationException validation) {
            return ApiException.invalid(describe(validation));
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        if (error instanceof NotAcceptableStatusException) {
            return new ApiException(ProblemType.NOT_ACCEPTABLE, "This resource is available as application/json.");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return new ApiException(
                    ProblemType.METHOD_NOT_ALLOWED, "Allowed: " + notAllowed.getSupportedMethods() + ".");
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size.");
        }
        if (error instanceof MissingRequestValueException missing) {
            return ApiException.invalid("Missing " + missing.getLabel() + " '" + missing.getName() + "'.");
        }
        if (error instanceof ServerWebInputException input) {
            return ApiException.invalid(inputDetail(input));
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status);
        }
        if (isDatabaseUnavailable(error)) {
            return new ApiException(ProblemType.UNAVAILABLE, "The service cannot reach its database; retry later.");
        }
        return new ApiException(ProblemType.INTERNAL, "An unexpected error occurred; quote the request id.");
    }

    private static ApiException fromStatus(ResponseStatusException status) {
        int code = status.getStatusCode().value();
        if (code == 404) {
            return ApiException.notFound("No resource at this path.");
        }
        if (code == 413) {
            return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size.");
        }
        if (code >= 400 && code < 500) {
            return ApiException.invalid("The request could not be processed.");
        }
        return new ApiException(ProblemType.INTERNAL, "An unexpected error occurred; quote the request id.");
    }

    private static String inputDetail(ServerWebInputException input) {
        ControlCharacters.Refused refused = cause(input, ControlCharacters.Refused.class);
        if (refused != null) {
            return refused.field() + ": " + refused.getOriginalMessage() + ".";
        }
        if (hasCause(input, DecodingException.class)) {
            return "The body is not valid JSON for this operation, or has unknown or mistyped fields.";
        }
        if (input.getMethodParameter() != null) {
            return "Parameter '" + input.getMethodParameter().getParameterName() + "' is not valid.";
        }
        return "The request could not be read.";
    }

    private static String describe(WebExchangeBindException bind) {
        return bind.getFieldErrors().stream()
                .map(ProblemExceptionHandler::describe)
                .sorted()
                .collect(Collectors.joining("; ", "", "."));
    }

    private static String describe(FieldError error) {
        return snakeCase(error.getField()) + ": " + error.getDefaultMessage();
    }

    private static String describe(HandlerMethodValidationException validation) {
        return validation.getParameterValidationResults().stream()
                .map(result ->
                        snakeCase(String.valueOf(result.getMethodParameter().getParameterName())) + ": "
                                + result.getResolvableErrors().get(0).getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; ", "", "."));
    }

    /** Field names as clients write them in JSON. */
    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isDatabaseUnavailable(Throwable error) {
        return hasCause(error, DataAccessResourceFailureException.class)
                || hasCause(error, TransientDataAccessException.class)
                || hasCause(error, R2dbcNonTransientResourceException.class)
                || hasCause(error, R2dbcTransientResourceException.class)
                || hasCause(error, java.net.ConnectException.class)
                || (error instanceof R2dbcException r2dbc
                        && r2dbc.getSqlState() != null
                        && r2dbc.getSqlState().startsWith("08"));
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
