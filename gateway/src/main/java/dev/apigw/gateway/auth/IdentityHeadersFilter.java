package dev.apigw.gateway.auth;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets the identity headers of an authenticated caller ({@link AuthenticationFilter#CALLER_ATTRIBUTE})
 * on the request the backend receives. Spring Cloud Gateway's routing filters (HTTP and WebSocket) run
 * every {@link HttpHeadersFilter} on the request's headers as they send it; this one is ordered last
 * (and registered after the framework's filters of the same order, {@link IdentityHeadersConfiguration}),
 * so the identity is added after every route filter and every one of the framework's header filters.
 * That way no route filter can change or remove it, and the framework's filters — each of which copies
 * every header — do not copy three more on every authenticated request. The headers a client sent under these names were stripped before any route filter ran.
 */
public class IdentityHeadersFilter implements HttpHeadersFilter, Ordered {

    /** Last of the request's header filters. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    private final IdentityHeaders identityHeaders;

    IdentityHeadersFilter(IdentityHeaders identityHeaders) {
        this.identityHeaders = identityHeaders;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        AuthOutcome.Authenticated caller = exchange.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
        if (caller == null) {
            return input;
        }
        HttpHeaders headers = input;
        try {
            identityHeaders.inject(headers, caller);
        } catch (UnsupportedOperationException readOnly) {
            // The framework's own filters hand on a fresh copy; a request's own headers are read-only.
            headers = new HttpHeaders();
            headers.putAll(input);
            identityHeaders.inject(headers, caller);
        }
        return headers;
    }
}
