package dev.apigw.gateway.problem;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the backend's {@code X-Request-Id} from its response: the client gets the gateway's, set by
 * {@link RequestIdFilter} before the request went on. Spring Cloud Gateway adds a backend's response
 * headers to those already set, so a backend that echoes the id (key-admin-service does) gave the
 * client two.
 */
@Component
class RequestIdResponseFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!input.containsHeader(RequestIdFilter.HEADER)) {
            return input;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove(RequestIdFilter.HEADER);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
