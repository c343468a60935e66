package dev.apigw.keyadmin.admin;

import dev.apigw.keyadmin.apikey.ApiKeyService;
import dev.apigw.keyadmin.apikey.ApiKeySummary;
import dev.apigw.keyadmin.apikey.KeyFilter;
import dev.apigw.keyadmin.apikey.KeyStatus;
import dev.apigw.keyadmin.audit.AuditEvent;
import dev.apigw.keyadmin.audit.AuditFilter;
import dev.apigw.keyadmin.audit.AuditQueries;
import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keyadmin.support.Page;
import dev.apigw.keyadmin.user.NewUser;
import dev.apigw.keyadmin.user.Role;
import dev.apigw.keyadmin.user.UserFilter;
import dev.apigw.keyadmin.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

    @Operation(
            summary = "List all keys, filtered by user, revocation, status and display prefix, newest first",
            description = "status: active, expired or revoked, as the listing shows it; prefix: the start of the"
                    + " display prefix (at most the whole display prefix), matched literally.")
    @GetMapping("/apikeys")
    Mono<Page<ApiKeySummary>> listKeys(
            @RequestParam(name = "user_id", required = false) @Nullable UUID userId,
            @RequestParam(required = false) @Nullable Boolean revoked,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "active|expired|revoked") String status,
            // At most a display prefix (type, "_", 6 characters): never more of a key than listings show.
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Za-z0-9]{1,32}(_[A-Za-z0-9]{0,6})?")
                    String prefix,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            ServerWebExchange exchange) {
        Caller.admin(exchange);
        KeyStatus wanted = status == null ? null : KeyStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return keys.listAll(new KeyFilter(userId, revoked, wanted, prefix), page, size);
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

    @Operation(
            summary = "List users, newest first",
            description = "Filters: name (a part of the user name, any letter case), role, status (active or"
                    + " disabled). Deleted users are not listed.")
    @GetMapping("/users")
    Mono<Page<UserView>> listUsers(
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String name,
            @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "active|disabled") String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            ServerWebExchange exchange) {
        Caller.admin(exchange);
        Boolean enabled = status == null ? null : status.equals("active");
        return users.list(new UserFilter(name, role, enabled), page, size)
                .map(found ->
                        new Page<>(found.items().stream().map(UserView::of).toList(), page, size, found.total()));
    }

    @Operation(summary = "Read a user", description = "404 for a deleted user.")
    @GetMapping("/users/{id}")
    Mono<UserView> getUser(@PathVariable UUID id, ServerWebExchange exchange) {
        Caller.admin(exchange);
        return users.get(id).map(UserView::of);
    }

    @Operation(
            summary = "Disable a user",
            description = "The user can no longer log in; their keys and every token issued before are refused,"
                    + " here at once and at every gateway within about a second. Idempotent. 409 for your own"
                    + " account.")
    @PostMapping("/users/{id}/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> disableUser(@PathVariable UUID id, ServerWebExchange exchange) {
        return users.disable(Caller.admin(exchange).userId(), id, RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Enable a user",
            description =
                    "Idempotent. Tokens refused when the user was disabled stay refused: the user logs in" + " again.")
    @PostMapping("/users/{id}/enable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> enableUser(@PathVariable UUID id, ServerWebExchange exchange) {
        return users.enable(Caller.admin(exchange).userId(), id, RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Delete a user",
            description = "Disables the user, revokes all of their keys and refuses every token issued before, in"
                    + " one transaction; the user is 404 afterwards (the audit log keeps them). 409 for your own"
                    + " account.")
    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteUser(@PathVariable UUID id, ServerWebExchange exchange) {
        return users.delete(Caller.admin(exchange).userId(), id, RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Change a user's role",
            description = "Every token issued before a change is refused. 409 when demoting your own account.")
    @PutMapping(path = "/users/{id}/role", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> changeRole(
            @PathVariable UUID id, @Valid @RequestBody RoleChange request, ServerWebExchange exchange) {
        return users.changeRole(Caller.admin(exchange).userId(), id, request.role(), RequestIdFilter.of(exchange))
                .map(UserView::of);
    }

    @Operation(
            summary = "Set a user's scopes",
            description = "Replaces the set of scopes the user holds (names: lower-case segments such as"
                    + " orders:read; 400 otherwise). A user's keys can carry only scopes the user holds; taking a"
                    + " scope away takes it from every key of the user at every gateway within about a second,"
                    + " and refuses every token issued before. Audited.")
    @PutMapping(path = "/users/{id}/scopes", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> changeScopes(
            @PathVariable UUID id, @Valid @RequestBody ScopeChange request, ServerWebExchange exchange) {
        return users.changeScopes(Caller.admin(exchange).userId(), id, request.scopes(), RequestIdFilter.of(exchange))
                .map(UserView::of);
    }

    @Operation(
            summary = "Reset a user's password",
            description = "Same rules as at creation (12-72 characters). Every token issued before is refused.")
    @PostMapping(path = "/users/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> resetPassword(
            @PathVariable UUID id, @Valid @RequestBody PasswordReset request, ServerWebExchange exchange) {
        return users.resetPassword(
                Caller.admin(exchange).userId(), id, request.password(), RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Read the audit log, newest first",
            description = "Filters: actor_id, action (exactly, e.g. KEY_REVOKED), from (inclusive) and to"
                    + " (exclusive), both ISO-8601 instants.")
    @GetMapping("/audit")
    Mono<Page<AuditEvent>> auditLog(
            @RequestParam(name = "actor_id", required = false) @Nullable UUID actorId,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z_]{1,64}") String action,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            ServerWebExchange exchange) {
        Caller.admin(exchange);
        AuditFilter filter = new AuditFilter(actorId, action, from, to);
        return auditQueries
                .page(filter, page, size)
                .collectList()
                .zipWith(auditQueries.count(filter), (items, total) -> new Page<>(items, page, size, total));
    }
}
