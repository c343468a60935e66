package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keyadmin.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

    PasswordController(UserService users, TokenIssuer issuer) {
        this.users = users;
        this.issuer = issuer;
    }

    @Operation(
            summary = "Change your own password",
            description = "A wrong current password is 401 invalid-credentials, as a failed login. Every token"
                    + " issued before the change stops working, here and at every gateway within about a second;"
                    + " the answer carries a new access token.")
    @PostMapping(
            path = "/api/auth/password",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccessToken> change(@Valid @RequestBody PasswordChange request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return users.changeOwnPassword(
                        caller.userId(), request.currentPassword(), request.newPassword(), RequestIdFilter.of(exchange))
                .map(issuer::issue);
    }
}
