package dev.apigw.gateway.proxy;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the hop-by-hop headers of a backend's response. The routing filter hands the response's headers
 * over as a fresh, writable copy: they are changed in place, where the framework's filter copied them.
 */
public class ResponseHopByHopFilter implements HttpHeadersFilter, Ordered {

    /** Where Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter} runs. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private final ProxyHeaderPolicy policy;

    public ResponseHopByHopFilter(ProxyHeaderPolicy policy) {
        this.policy = policy;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!policy.holdsHopByHop(input)) {
            return input;
        }
        // Exactly HttpHeaders: writable (the read-only views are subclasses); anything else is copied.
        HttpHeaders headers = input.getClass() == HttpHeaders.class ? input : HttpHeaders.copyOf(input);
        policy.removeHopByHop(headers);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
