package dev.apigw.keyadmin.user;

import dev.apigw.keyadmin.apikey.ApiKeyService;
import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.scope.ScopeNames;
import dev.apigw.keyadmin.support.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Users and what an administrator (or the user) may change about them. Each change, its audit event
 * and, where it must lock the user out, the new {@code tokens_not_before} commit together or not at
 * all; the change of the row notifies every gateway ({@code user:<id>} on the key change channel).
 *
 * <p>An administrator's change locks both rows, the administrator's and the target's, and checks that
 * the administrator is still an active ADMIN: two administrators demoting or disabling each other at
 * the same moment cannot leave nobody able to administer. An administrator cannot disable, delete or
 * demote themselves (409). Deleted users are not found (404).
 */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final ApiKeyService keys;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    UserService(
            UserRepository users,
            PasswordHasher passwords,
            ApiKeyService keys,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.keys = keys;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates the user and its audit event together; 409 when the name is taken, 400 when the password
     * is over BCrypt's 72 bytes. {@code actorId} is null for the bootstrap administrator.
     */
    public Mono<User> create(NewUser request, @Nullable UUID actorId, String requestId) {
        Mono<User> created = hashNewPassword("password", request.password())
                .flatMap(hash ->
                        tx.transactional(users.insert(request.username(), hash, request.role(), clock.instant())
                                .flatMap(user -> audit.record(
                                                actorId,
                                                "USER_CREATED",
                                                "USER",
                                                user.id(),
                                                requestId,
                                                user.username() + " as " + user.role())
                                        .thenReturn(user))));
        return created.onErrorMap(
                DuplicateKeyException.class,
                e -> new ApiException(ProblemType.CONFLICT, "User name '" + request.username() + "' is taken."));
    }

    public Mono<Page<User>> list(UserFilter filter, int page, int size) {
        return users.page(filter, page, size)
                .collectList()
                .zipWith(users.count(filter), (items, total) -> new Page<>(items, page, size, total));
    }

    /** The user unless deleted; 404 otherwise. */
    public Mono<User> get(UUID id) {
        return users.findLive(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Disables the user and refuses every token issued so far; idempotent. */
    public Mono<Void> disable(UUID actorId, UUID id, String requestId) {
        return asAdmin(actorId, id, target -> {
                    refuseSelf(actorId, id, "disable");
                    if (!target.enabled()) {
                        return Mono.empty();
                    }
                    return users.disable(id, clock.instant())
                            .flatMap(user -> audit.record(actorId, "USER_DISABLED", "USER", id, requestId, null));
                })
                .doOnSuccess(ignored -> log.info("User {} disabled user {}", actorId, id));
    }

    /** Enables the user; tokens refused before stay refused. Idempotent. */
    public Mono<Void> enable(UUID actorId, UUID id, String requestId) {
        return asAdmin(
                        actorId,
                        id,
                        target -> target.enabled()
                                ? Mono.<Void>empty()
                                : users.enable(id)
                                        .flatMap(user ->
                                                audit.record(actorId, "USER_ENABLED", "USER", id, requestId, null)))
                .doOnSuccess(ignored -> log.info("User {} enabled user {}", actorId, id));
    }

    /**
     * Deletes the user (kept as a disabled, deleted row for the audit log and its keys' history),
     * revokes all of its keys and refuses every token issued so far, in one transaction.
     */
    public Mono<Void> delete(UUID actorId, UUID id, String requestId) {
        return asAdmin(actorId, id, target -> {
                    refuseSelf(actorId, id, "delete");
                    Instant now = clock.instant();
                    return users.delete(id, now)
                            .then(keys.revokeAllOf(id, now))
                            .flatMap(revoked -> audit.record(
                                    actorId,
                                    "USER_DELETED",
                                    "USER",
                                    id,
                                    requestId,
                                    target.username() + ", " + revoked + " keys revoked"));
                })
                .doOnSuccess(ignored -> log.info("User {} deleted user {}", actorId, id));
    }

    /** Gives the user this role and refuses every token issued so far; the same role changes nothing. */
    public Mono<User> changeRole(UUID actorId, UUID id, Role role, String requestId) {
        return asAdmin(actorId, id, target -> {
            if (target.role() == role) {
                return Mono.just(target);
            }
            if (role != Role.ADMIN) {
                refuseSelf(actorId, id, "demote");
            }
            return users.changeRole(id, role, clock.instant())
                    .flatMap(user -> audit.record(
                                    actorId, "USER_ROLE_CHANGED", "USER", id, requestId, target.role() + " -> " + role)
                            .thenReturn(user))
                    .doOnNext(user -> log.info("User {} made user {} {}", actorId, id, role));
        });
    }

    /**
     * Replaces the user's scopes (names checked: 400). Taking a scope away takes it from every key of
     * the user at once (a key's effective scopes are those its owner still holds) and refuses every token
     * issued so far, whose {@code scope} claim may name it; granting refuses nothing. The same set
     * changes nothing.
     */
    public Mono<User> changeScopes(UUID actorId, UUID id, List<@Nullable String> requested, String requestId) {
        List<String> scopes = ScopeNames.checked("scopes", requested);
        return asAdmin(actorId, id, target -> {
            if (target.scopes().equals(scopes)) {
                return Mono.just(target);
            }
            boolean removes = !scopes.containsAll(target.scopes());
            return users.changeScopes(id, scopes, removes, clock.instant())
                    .flatMap(user -> audit.record(
                                    actorId,
                                    "USER_SCOPES_CHANGED",
                                    "USER",
                                    id,
                                    requestId,
                                    abbreviate("[" + String.join(" ", target.scopes()) + "] -> ["
                                            + String.join(" ", scopes) + "]"))
                            .thenReturn(user))
                    .doOnNext(user -> log.info("User {} set the scopes of user {} to {}", actorId, id, scopes));
        });
    }

    /** The audit detail holds 500 characters. */
    private static String abbreviate(String detail) {
        return detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
    }

    /** Sets a new password chosen by an administrator and refuses every token issued so far. */
    public Mono<Void> resetPassword(UUID actorId, UUID id, String password, String requestId) {
        return hashNewPassword("password", password)
                .flatMap(hash -> asAdmin(
                        actorId,
                        id,
                        target -> users.changePassword(id, hash, clock.instant())
                                .flatMap(user ->
                                        audit.record(actorId, "USER_PASSWORD_RESET", "USER", id, requestId, null))))
                .doOnSuccess(ignored -> log.info("User {} reset the password of user {}", actorId, id));
    }

    /**
     * Changes the user's own password when {@code current} is right (401 invalid-credentials
     * otherwise, after the same BCrypt work) and refuses every token issued so far; emits the user as
     * changed, so that a new token can be issued at once.
     *
     * <p>The current password is checked before the transaction, so that no BCrypt work is done while the
     * row is locked and a pooled connection held: parallel changes cannot starve the pool. The transaction
     * then locks the row and changes it only if its hash is still the one checked; if the password changed
     * in between, the answer is 409 conflict and nothing is written.
     */
    public Mono<User> changeOwnPassword(UUID id, String current, String next, String requestId) {
        return hashNewPassword("new_password", next)
                .flatMap(hash -> users.findById(id)
                        .filter(User::active)
                        .switchIfEmpty(Mono.error(UserService::invalidToken))
                        .flatMap(checked -> passwords
                                .matchesOrBurn(current, checked.passwordHash())
                                .flatMap(matches -> matches
                                        ? Mono.just(checked.passwordHash())
                                        : Mono.error(new ApiException(
                                                ProblemType.INVALID_CREDENTIALS, "The current password is wrong."))))
                        .flatMap(checkedHash -> tx.transactional(users.lockAll(List.of(id))
                                .next()
                                .filter(User::active)
                                .switchIfEmpty(Mono.error(UserService::invalidToken))
                                .flatMap(locked -> locked.passwordHash().equals(checkedHash)
                                        ? users.changePassword(id, hash, clock.instant())
                                        : Mono.error(new ApiException(
                                                ProblemType.CONFLICT,
                                                "The password was changed while this request was being checked.")))
                                .flatMap(user -> audit.record(id, "PASSWORD_CHANGED", "USER", id, requestId, null)
                                        .thenReturn(user)))))
                .doOnNext(user -> log.info("User {} changed their password", id));
    }

    private static ApiException invalidToken() {
        return new ApiException(ProblemType.UNAUTHENTICATED, "The access token is invalid or expired.");
    }

    /**
     * Runs {@code change} in a transaction holding both rows locked, after checking that the actor is
     * still an active ADMIN (403) and that the target exists and is not deleted (404).
     */
    private <T> Mono<T> asAdmin(UUID actorId, UUID targetId, Function<User, Mono<T>> change) {
        Mono<T> locked = users.lockAll(List.of(actorId, targetId))
                .collectMap(User::id)
                .flatMap(rows -> {
                    checkActor(rows, actorId);
                    User target = rows.get(targetId);
                    if (target == null || target.deletedAt() != null) {
                        return Mono.error(notFound(targetId));
                    }
                    return change.apply(target);
                });
        return tx.transactional(locked);
    }

    private static void checkActor(Map<UUID, User> rows, UUID actorId) {
        User actor = rows.get(actorId);
        if (actor == null || !actor.active() || actor.role() != Role.ADMIN) {
            throw new ApiException(ProblemType.FORBIDDEN, "This operation needs the ADMIN role.");
        }
    }

    private static void refuseSelf(UUID actorId, UUID targetId, String verb) {
        if (actorId.equals(targetId)) {
            throw new ApiException(
                    ProblemType.CONFLICT,
                    "An administrator cannot " + verb + " their own account; ask another administrator.");
        }
    }

    /** The password hashed, or 400 naming {@code field} when it is over BCrypt's 72 bytes. */
    private Mono<String> hashNewPassword(String field, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            return Mono.error(ApiException.invalid(field + ": must be at most 72 bytes in UTF-8."));
        }
        return passwords.hash(password);
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("No user with id " + id + ".");
    }
}
