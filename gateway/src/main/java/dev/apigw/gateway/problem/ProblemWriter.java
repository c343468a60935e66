package dev.apigw.gateway.problem;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes a {@link GatewayProblem} as RFC 9457 {@code application/problem+json} with the request id. */
@Component
public class ProblemWriter {

    private final ServerResponse.Context context;
    private final RenderedProblems rendered;

    ProblemWriter(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.rendered = new RenderedProblems(writers);
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

    /** With the problem's own detail and no further members: its body was rendered at start. */
    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem, Consumer<HttpHeaders> headers) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.status());
        HttpHeaders responseHeaders = response.getHeaders();
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.accept(responseHeaders);
        byte[] body = rendered.body(problem, RequestIdFilter.of(exchange));
        responseHeaders.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** As {@link #write(ServerWebExchange, GatewayProblem, Consumer)}, with extension members in the body. */
    public Mono<Void> write(
            ServerWebExchange exchange,
            GatewayProblem problem,
            Consumer<HttpHeaders> headers,
            Map<String, Object> properties) {
        return write(exchange, problem, problem.detail(), properties, headers);
    }

    /**
     * With a detail of this occurrence (it must hold no secret) and more members for the body (their names
     * must not be those of RFC 9457's or of {@code code} and {@code request_id}, which win).
     */
    public Mono<Void> write(
            ServerWebExchange exchange,
            GatewayProblem problem,
            String detail,
            Map<String, Object> properties,
            Consumer<HttpHeaders> headers) {
        return ServerResponse.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers)
                .bodyValue(body(problem, detail, properties, RequestIdFilter.of(exchange)))
                .flatMap(response -> response.writeTo(exchange, context));
    }

    /** The one shape of every problem body, pre-rendered ({@link RenderedProblems}) or not. */
    static ProblemDetail body(GatewayProblem problem, String detail, Map<String, Object> properties, String requestId) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
        properties.forEach(body::setProperty);
        body.setType(problem.type());
        body.setTitle(problem.title());
        body.setProperty("code", problem.code());
        body.setProperty("request_id", requestId);
        return body;
    }
}
