package dev.apigw.gateway.proxy;

import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * The headers that stop at the gateway, as Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter},
 * {@code RemoveForwardedHeadersFilter} and {@code RemoveXForwardedHeadersFilter} decide them, without
 * their copies: the hop-by-hop headers (RFC 9110 §7.6.1) and any header {@code Connection} names, in
 * both directions; and, unless trusted proxies are configured, a client's {@code Forwarded} and
 * {@code X-Forwarded-*}, which only the client wrote. Immutable and thread-safe.
 *
 * @param dropsForwarded   a request's {@code Forwarded} header is dropped on arrival
 * @param dropsXForwarded  a request's {@code X-Forwarded-*} headers are dropped on arrival
 * @param dropsHopByHop    hop-by-hop headers are dropped on the way out, both directions
 */
public record ProxyHeaderPolicy(boolean dropsForwarded, boolean dropsXForwarded, boolean dropsHopByHop) {

    /** No trusted proxy, nothing configured: every rule applies. */
    public static final ProxyHeaderPolicy STRICT = new ProxyHeaderPolicy(true, true, true);

    /** Spring Cloud Gateway's list, lower case; an array, so a check allocates nothing. */
    private static final String[] HOP_BY_HOP = {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "trailer",
        "proxy-authorization",
        "proxy-authenticate",
        "x-application-context",
        "upgrade"
    };

    /** Whether a request header, its name in lower case, is dropped as the request arrives. */
    public boolean dropsOnArrival(String lowerCaseName) {
        return (dropsXForwarded && lowerCaseName.startsWith("x-forwarded-"))
                || (dropsForwarded && lowerCaseName.equals("forwarded"));
    }

    /** Whether {@code headers} hold a header to drop on the way out. Allocates nothing. */
    public boolean holdsHopByHop(HttpHeaders headers) {
        if (!dropsHopByHop) {
            return false;
        }
        for (String name : HOP_BY_HOP) {
            if (headers.containsHeader(name)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the hop-by-hop headers, and those {@code Connection} names, from writable {@code headers}. */
    public void removeHopByHop(HttpHeaders headers) {
        if (!dropsHopByHop) {
            return;
        }
        for (String token : headers.getConnection()) {
            headers.remove(token.trim().toLowerCase(Locale.ROOT));
        }
        for (String name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }
}
