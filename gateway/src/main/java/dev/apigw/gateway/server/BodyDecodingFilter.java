package dev.apigw.gateway.server;

import io.netty.channel.Channel;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Ends a chunked request body that failed to decode ({@link BodyDecodingGuard}) with {@link
 * MalformedBodyException} instead of an early, normal end. Without it the gateway finished the request
 * it was forwarding and the backend received it — empty or truncated — as complete; with it the
 * forwarding is aborted, and the backend sees the connection close before the body's end. The client
 * has its 400 from the server already. Only chunked bodies can fail to decode: a body with a
 * {@code Content-Length} that ends early is an error already.
 */
@Component
class BodyDecodingFilter implements WebFilter, Ordered {

    /** Early, before anything reads the body. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                || !(ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection)) {
            return chain.filter(exchange);
        }
        Channel channel = connection.channel();
        ServerHttpRequest guarded = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody()
                        .concatWith(Mono.defer(() -> Boolean.TRUE.equals(channel.attr(BodyDecodingGuard.BODY_FAILED)
                                        .get())
                                ? Mono.error(new MalformedBodyException())
                                : Mono.empty()));
            }
        };
        return chain.filter(exchange.mutate().request(guarded).build());
    }

    /**
     * Spring's web filter chain asks every filter for its name on every request (a Reactor checkpoint);
     * a constant spares building {@code Object.toString()}'s each time.
     */
    @Override
    public String toString() {
        return "BodyDecodingFilter";
    }
}
