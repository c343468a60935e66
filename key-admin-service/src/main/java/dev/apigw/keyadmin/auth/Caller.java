package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.user.Role;
import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated user of a request, as the database says now (not as the token said when issued).
 */
public record Caller(UUID userId, String username, Role role) {

    static final String ATTRIBUTE = Caller.class.getName();

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * The caller, who must be an administrator: checked here again, at the handler, whatever the
     * filter decided from the path.
     */
    public static Caller admin(ServerWebExchange exchange) {
        Caller caller = of(exchange);
        if (!caller.isAdmin()) {
            throw new ApiException(ProblemType.FORBIDDEN, "This operation needs the ADMIN role.");
        }
        return caller;
    }

    /** The caller that {@link BearerAuthenticationFilter} put on the exchange. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this exchange");
        }
        return caller;
    }
}
