package dev.apigw.keyadmin.admin;

import dev.apigw.keyadmin.apikey.ApiKeyService;
import dev.apigw.keyadmin.apikey.ApiKeySummary;
import dev.apigw.keyadmin.apikey.KeyFilter;
import dev.apigw.keyadmin.audit.AuditEvent;
import dev.apigw.keyadmin.audit.AuditQueries;
import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keyadmin.support.Page;
import dev.apigw.keyadmin.user.NewUser;
import dev.apigw.keyadmin.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Administration: the ADMIN role is required by the filter (by path) and again by every handler. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "ADMIN role only")
@SecurityRequirement(name = "bearer")
class AdminController {

    private final ApiKeyService keys;
    private final UserService users;
    private final AuditQueries auditQueries;

    AdminController(ApiKeyService keys, UserService users, AuditQueries auditQueries) {
        this.keys = keys;
        this.users = users;
        this.auditQueries = auditQueries;
    }

    @Operation(summary = "List all keys, filtered by user and revocation, newest first")
    @GetMapping("/apikeys")
    Mono<Page<ApiKeySummary>> listKeys(
            @RequestParam(name = "user_id", required = false) @Nullable UUID userId,
            @RequestParam(required = false) @Nullable Boolean revoked,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            ServerWebExchange exchange) {
        Caller.admin(exchange);
        return keys.listAll(new KeyFilter(userId, revoked), page, size);
    }

    @Operation(summary = "Revoke any key", description = "Idempotent; 404 when no such key exists.")
    @DeleteMapping("/apikeys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revokeKey(@PathVariable UUID id, ServerWebExchange exchange) {
        return keys.revoke(Caller.admin(exchange), id, true, RequestIdFilter.of(exchange));
    }

    @Operation(summary = "Create a user")
    @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> createUser(@Valid @RequestBody NewUser request, ServerWebExchange exchange) {
        return users.create(request, Caller.admin(exchange).userId(), RequestIdFilter.of(exchange))
                .map(UserView::of);
    }

    @Operation(summary = "Read the audit log, newest first")
    @GetMapping("/audit")
    Mono<Page<AuditEvent>> auditLog(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            ServerWebExchange exchange) {
        Caller.admin(exchange);
        return auditQueries
                .page(page, size)
                .collectList()
                .zipWith(auditQueries.count(), (items, total) -> new Page<>(items, page, size, total));
    }
}
