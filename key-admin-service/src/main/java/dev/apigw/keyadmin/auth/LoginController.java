package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keyadmin.user.BootstrapAdmin;
import dev.apigw.keyadmin.user.PasswordHasher;
import dev.apigw.keyadmin.user.User;
import dev.apigw.keyadmin.user.UserRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Authentication")
class LoginController {

    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final TokenIssuer issuer;
    private final AuditLog audit;
    private final BootstrapAdmin bootstrap;

    LoginController(UserRepository users, PasswordHasher passwords, TokenIssuer issuer, AuditLog audit,
                    BootstrapAdmin bootstrap) {
        this.bootstrap = bootstrap;
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Operation(summary = "Exchange username and password for an access token",
            description = "Unknown users, disabled users and wrong passwords all get the same 401, in about the same time.")
    @PostMapping(path = "/api/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccessToken> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return bootstrap.ready().then(users.findByUsername(request.username()))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> passwords.matchesOrBurn(request.password(), found.map(User::passwordHash).orElse(null))
                        .flatMap(matches -> {
                            if (!matches || !found.get().enabled()) {
                                log.info("Failed login for '{}' (request {})", request.username(),
                                        RequestIdFilter.of(exchange));
                                return Mono.error(new ApiException(ProblemType.INVALID_CREDENTIALS,
                                        "Username or password is wrong."));
                            }
                            User user = found.get();
                            return audit.record(user.id(), "LOGIN", "USER", user.id(), RequestIdFilter.of(exchange), null)
                                    .thenReturn(issuer.issue(user));
                        }));
    }
}
