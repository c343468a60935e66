package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.user.UserRepository;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/**} (but login): a valid access token of an enabled, undeleted user is required,
 * issued no earlier than the user's {@code tokens_not_before}, and {@code /api/admin/**} also requires
 * the ADMIN role. The user is read from the database at each request (this service's traffic is low),
 * so disabling, deleting or demoting a user, or changing a password, takes effect at once, not when
 * tokens expire.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BearerAuthenticationFilter implements WebFilter {

    private static final List<String> PUBLIC = List.of("/api/auth/login");
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final UserRepository users;

    BearerAuthenticationFilter(TokenVerifier verifier, UserRepository users) {
        this.verifier = verifier;
        this.users = users;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = matchedPath(exchange);
        if (!path.startsWith("/api/") || PUBLIC.contains(path)) {
            return chain.filter(exchange);
        }
        List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.size() != 1 || !authorization.get(0).regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(unauthenticated("Send an access token as 'Authorization: Bearer <token>'."));
        }
        String token = authorization.get(0).substring(BEARER.length()).trim();
        return Mono.justOrEmpty(verifier.verify(token))
                .switchIfEmpty(Mono.error(() -> unauthenticated("The access token is invalid or expired.")))
                .flatMap(verified -> users.findById(verified.userId())
                        .filter(user -> user.active() && user.accepts(verified.issuedAt())))
                .switchIfEmpty(Mono.error(() -> unauthenticated("The access token is invalid or expired.")))
                .map(user -> new Caller(user.id(), user.username(), user.role()))
                .flatMap(caller -> {
                    if (path.startsWith("/api/admin/") && !caller.isAdmin()) {
                        return Mono.error(
                                new ApiException(ProblemType.FORBIDDEN, "This operation needs the ADMIN role."));
                    }
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }

    /**
     * The path as handler mapping matches it: decoded segments without matrix variables, so that
     * {@code /api/admin;x=1/apikeys} is judged as the {@code /api/admin/apikeys} it will reach.
     */
    private static String matchedPath(ServerWebExchange exchange) {
        StringBuilder path = new StringBuilder();
        for (PathContainer.Element element :
                exchange.getRequest().getPath().pathWithinApplication().elements()) {
            path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : "/");
        }
        return path.toString();
    }

    private static ApiException unauthenticated(String detail) {
        return new ApiException(ProblemType.UNAUTHENTICATED, detail);
    }
}
