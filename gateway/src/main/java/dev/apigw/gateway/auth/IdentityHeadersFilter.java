package dev.apigw.gateway.auth;

import dev.apigw.gateway.proxy.ProxyHeaderPolicy;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets the identity headers of an authenticated caller ({@link AuthenticationFilter#CALLER_ATTRIBUTE})
 * on the request the backend receives. Spring Cloud Gateway's routing filters (HTTP and WebSocket) run
 * every {@link HttpHeadersFilter} on the request's headers as they send it; this one is ordered last
 * (and registered after the framework's filters of the same order, {@link IdentityHeadersConfiguration}),
 * so the identity is added after every route filter and every one of the framework's header filters.
 * That way no route filter can change or remove it. It also drops the request's hop-by-hop headers
 * ({@link ProxyHeaderPolicy}), in the same one copy. The headers a client sent under these names were stripped before any route filter ran.
 */
public class IdentityHeadersFilter implements HttpHeadersFilter, Ordered {

    /** Last of the request's header filters. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    /**
     * Route metadata key: {@code client-address: x-forwarded-for} appends the connection's address to
     * that route's {@code X-Forwarded-For}, as a proxy does (for key-admin-service's login throttle,
     * which reads the rightmost address its trusted proxies did not add: this one). Whatever is to its
     * left is a claim of the client or of a proxy in front, for the backend to trust or not.
     */
    public static final String CLIENT_ADDRESS_METADATA = "client-address";

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final IdentityHeaders identityHeaders;
    private final ProxyHeaderPolicy proxyHeaders;

    IdentityHeadersFilter(IdentityHeaders identityHeaders, ProxyHeaderPolicy proxyHeaders) {
        this.identityHeaders = identityHeaders;
        this.proxyHeaders = proxyHeaders;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * The request's headers as the backend receives them: without hop-by-hop headers, with the
     * caller's identity. Copied once when anything changes (the request's own headers are read-only),
     * returned as they are otherwise.
     */
    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        AuthOutcome.Authenticated caller = exchange.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
        String clientAddress = forwardedClientAddress(exchange);
        boolean hopByHop = proxyHeaders.holdsHopByHop(input);
        if (caller == null && clientAddress == null && !hopByHop) {
            return input;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        if (hopByHop) {
            proxyHeaders.removeHopByHop(headers);
        }
        addTo(headers, caller, clientAddress);
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    private void addTo(HttpHeaders headers, AuthOutcome.@Nullable Authenticated caller, @Nullable String address) {
        if (caller != null) {
            identityHeaders.inject(headers, caller);
        }
        if (address != null) {
            String earlier = headers.getFirst(FORWARDED_FOR);
            headers.set(FORWARDED_FOR, earlier == null ? address : earlier + ", " + address);
        }
    }

    /** The connection's address, when the route asks for it. */
    private static @Nullable String forwardedClientAddress(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !"x-forwarded-for".equals(route.getMetadata().get(CLIENT_ADDRESS_METADATA))) {
            return null;
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
    }
}
