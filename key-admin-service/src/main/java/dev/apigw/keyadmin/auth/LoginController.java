package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.problem.RequestIdFilter;
import io.swagger.v3.oas.annotations.Operation;
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
class LoginController {

    private final LoginService logins;
    private final ClientAddresses addresses;

    LoginController(LoginService logins, ClientAddresses addresses) {
        this.logins = logins;
        this.addresses = addresses;
    }

    @Operation(
            summary = "Exchange username and password for an access token",
            description =
                    "Unknown users, disabled users and wrong passwords all get the same 401, in about the same time."
                            + " After repeated failures for a user name or from an address, attempts are refused"
                            + " with 429 too-many-attempts and Retry-After (seconds), before any password check.")
    @PostMapping(
            path = "/api/auth/login",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccessToken> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return logins.login(request, addresses.of(exchange.getRequest()), RequestIdFilter.of(exchange));
    }
}
