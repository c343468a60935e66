package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keyadmin.user.User;
import dev.apigw.keyadmin.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Authentication")
@SecurityRequirement(name = "bearer")
class PasswordController {

    private final UserService users;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;

    PasswordController(UserService users, TokenIssuer issuer, LoginThrottle throttle) {
        this.users = users;
        this.issuer = issuer;
        this.throttle = throttle;
    }

    @Operation(
            summary = "Change your own password",
            description = "A wrong current password is 401 invalid-credentials, as a failed login. Every token"
                    + " issued before the change stops working, here and at every gateway within about a second;"
                    + " the answer carries a new access token. Wrong current passwords are throttled per user name"
                    + " as logins are (429 too-many-attempts).")
    @PostMapping(
            path = "/api/auth/password",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccessToken> change(@Valid @RequestBody PasswordChange request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        String requestId = RequestIdFilter.of(exchange);
        // Counted per user name like a login, so that a stolen token does not allow unlimited guessing.
        List<LoginThrottle.Key> keys = throttle.keys(caller.username(), null);
        return throttle.attempt(keys, requestId)
                .flatMap(LoginService::<User>tooManyAttempts)
                .switchIfEmpty(Mono.defer(() -> users.changeOwnPassword(
                                caller.userId(), request.currentPassword(), request.newPassword(), requestId)
                        .flatMap(user -> throttle.succeeded(keys).thenReturn(user))))
                .map(issuer::issue);
    }
}
