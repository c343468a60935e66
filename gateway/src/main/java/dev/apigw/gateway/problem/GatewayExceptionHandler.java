package dev.apigw.gateway.problem;

import dev.apigw.gateway.server.MalformedBodyException;
import io.netty.handler.timeout.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Failures outside authentication (no route, upstream down, oversized body, bugs) answered as
 * problem+json instead of Spring's default error page; never a stack trace.
 */
@Component
@Order(-2) // before Spring Boot's ErrorWebExceptionHandler (-1)
class GatewayExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    private final ProblemWriter writer;

    GatewayExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (causedBy(error, MalformedBodyException.class)) {
            // The server answered the client 400 already; the forwarded request was aborted with this.
            log.debug(
                    "Request body of {} {} (request {}) could not be decoded; forwarding aborted",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    RequestIdFilter.of(exchange));
            return Mono.empty();
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        GatewayProblem problem = classify(error);
        if (problem == GatewayProblem.INTERNAL) {
            log.error(
                    "Unexpected failure on {} {} (request {})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    RequestIdFilter.of(exchange),
                    error);
        } else if (problem == GatewayProblem.BAD_GATEWAY || problem == GatewayProblem.GATEWAY_TIMEOUT) {
            log.warn(
                    "Upstream failure on {} (request {}): {}",
                    exchange.getRequest().getPath(),
                    RequestIdFilter.of(exchange),
                    error.toString());
        }
        return writer.write(exchange, problem, headers -> {});
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static GatewayProblem classify(Throwable error) {
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            return switch (code) {
                case 404 -> GatewayProblem.NOT_FOUND;
                case 413 -> GatewayProblem.PAYLOAD_TOO_LARGE;
                case 502, 503 -> GatewayProblem.BAD_GATEWAY;
                case 504 -> GatewayProblem.GATEWAY_TIMEOUT;
                default -> code >= 400 && code < 500 ? GatewayProblem.BAD_REQUEST : GatewayProblem.INTERNAL;
            };
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            // Refused, reset or closed before a whole response (reactor-netty's PrematureCloseException
            // is an IOException too): the upstream failed. The client's own side is decoded by the
            // server before any filter runs, and a client that went away gets no answer anyway.
            if (t instanceof ConnectException || t instanceof IOException) {
                return GatewayProblem.BAD_GATEWAY;
            }
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return GatewayProblem.GATEWAY_TIMEOUT;
            }
            if (t instanceof DataBufferLimitException) {
                return GatewayProblem.PAYLOAD_TOO_LARGE;
            }
        }
        return GatewayProblem.INTERNAL;
    }
}
