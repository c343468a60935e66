package dev.apigw.keyadmin.apikey;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.config.KeyAdminProperties;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.scope.ScopeGrant;
import dev.apigw.keyadmin.scope.ScopeNames;
import dev.apigw.keyadmin.support.Page;
import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The API-key lifecycle. Each change and its audit event commit together, or not at all. Keys owned by
 * someone else look exactly like keys that do not exist (404), unless the caller is acting as admin.
 */
@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeyRepository keys;
    private final KeyFormat format;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final KeyAdminProperties.Keys policy;
    private final Clock clock;

    ApiKeyService(
            ApiKeyRepository keys,
            KeyFormat format,
            AuditLog audit,
            TransactionalOperator tx,
            KeyAdminProperties properties,
            Clock clock) {
        this.keys = keys;
        this.format = format;
        this.audit = audit;
        this.tx = tx;
        this.policy = properties.keys();
        this.clock = clock;
    }

    /**
     * Creates a key for the caller. Its scopes are those requested, each of which the owner must hold
     * (checked under the owner's lock: 403 scope-not-held, nothing written); none requested gives none.
     */
    public Mono<ApiKeyResponse> generate(Caller caller, ApiKeyCreate request, String requestId) {
        Instant now = clock.instant();
        Instant expiresAt = expiry(now, request.expiresInDays());
        List<String> requested = ScopeNames.checked("scopes", request.scopes());
        GeneratedKey key = format.generate();
        Mono<ApiKeyResponse> created = lockOwnerWithRoomFor(caller.userId(), now, 1, "revoke one first.")
                .flatMap(owner -> keys.insert(
                        caller.userId(),
                        key.hash(),
                        key.displayPrefix(),
                        request.description(),
                        now,
                        expiresAt,
                        null,
                        ScopeGrant.within(owner.scopes(), requested)))
                .flatMap(saved -> audit.record(
                                caller.userId(), "KEY_CREATED", "API_KEY", saved.id(), requestId, saved.displayPrefix())
                        .thenReturn(response(saved, key)));
        return tx.transactional(created)
                .doOnNext(saved ->
                        log.info("User {} created key {} ({})", caller.userId(), saved.id(), saved.displayPrefix()));
    }

    public Flux<ApiKeySummary> listOwn(Caller caller) {
        Instant now = clock.instant();
        return keys.findByUser(caller.userId()).map(key -> ApiKeySummary.of(key, now));
    }

    public Mono<Page<ApiKeySummary>> listAll(KeyFilter filter, int page, int size) {
        Instant now = clock.instant();
        return keys.page(filter, now, page, size)
                .map(key -> ApiKeySummary.of(key, now))
                .collectList()
                .zipWith(keys.count(filter, now), (items, total) -> new Page<>(items, page, size, total));
    }

    /** Revokes the caller's key (any key when {@code asAdmin}); idempotent; 404 when not visible. */
    public Mono<Void> revoke(Caller caller, UUID keyId, boolean asAdmin, String requestId) {
        Instant now = clock.instant();
        Mono<Void> revoked = visibleKey(caller, keyId, asAdmin, keys.findById(keyId))
                .flatMap(key -> keys.revoke(key.id(), now)
                        .flatMap(changed -> changed
                                ? audit.record(
                                        caller.userId(),
                                        asAdmin ? "KEY_REVOKED_BY_ADMIN" : "KEY_REVOKED",
                                        "API_KEY",
                                        key.id(),
                                        requestId,
                                        key.displayPrefix())
                                : Mono.empty()));
        return tx.transactional(revoked)
                .doOnSuccess(ignored -> log.info("User {} revoked key {}", caller.userId(), keyId));
    }

    /**
     * Issues a replacement for the caller's key; the old key keeps working for the grace period and
     * then stops. A key can be rotated once, and not when revoked or expired (409).
     *
     * <p>The old key stays usable during its grace period, so it counts against the active-key limit
     * until then: a rotation with a grace period adds an active key and is refused at the limit like a
     * new key (409 key-limit-reached); a rotation with no grace period ends the old key at once and is
     * always allowed.
     *
     * <p>The replacement carries the old key's scopes that the owner still holds, and no others: a
     * rotation cannot add a scope (its request has no such field), nor bring back one taken from the owner.
     */
    public Mono<RotationResponse> rotate(Caller caller, UUID keyId, RotateRequest request, String requestId) {
        Instant now = clock.instant();
        Duration grace = grace(request.gracePeriodSeconds());
        Instant expiresAt = expiry(now, request.expiresInDays());
        GeneratedKey replacement = format.generate();
        long added = grace.isZero() ? 0 : 1;
        // Lock order: the owner's users row, then the key (as in generate and in deleting a user).
        Mono<RotationResponse> rotated = lockActiveOwner(caller.userId())
                .flatMap(owner ->
                        visibleKey(caller, keyId, false, keys.lockById(keyId)).map(old -> new OwnedKey(owner, old)))
                .flatMap(owned -> {
                    ApiKeyRecord old = owned.key();
                    if (old.status(now) != KeyStatus.ACTIVE || old.replacedBy() != null) {
                        return Mono.error(new ApiException(
                                ProblemType.CONFLICT,
                                old.replacedBy() != null
                                        ? "This key was already rotated."
                                        : "Only an active key can be rotated."));
                    }
                    return withRoomFor(
                                    caller.userId(),
                                    now,
                                    added,
                                    "the old key stays active during its grace period: revoke a key first,"
                                            + " or rotate with grace_period_seconds 0.")
                            .thenReturn(owned);
                })
                .flatMap(owned -> {
                    ApiKeyRecord old = owned.key();
                    List<String> kept = old.scopes().stream()
                            .filter(owned.owner().scopes()::contains)
                            .toList();
                    String description = request.description() != null ? request.description() : old.description();
                    return keys.insert(
                                    old.userId(),
                                    replacement.hash(),
                                    replacement.displayPrefix(),
                                    description,
                                    now,
                                    expiresAt,
                                    old.id(),
                                    kept)
                            .flatMap(fresh -> keys.markRotated(old.id(), fresh.id(), now.plus(grace))
                                    .then(keys.findById(old.id()))
                                    .flatMap(previous -> audit.record(
                                                    caller.userId(),
                                                    "KEY_ROTATED",
                                                    "API_KEY",
                                                    old.id(),
                                                    requestId,
                                                    "replaced by " + fresh.id() + ", grace " + grace.toSeconds() + "s")
                                            .thenReturn(new RotationResponse(
                                                    response(fresh, replacement), ApiKeySummary.of(previous, now)))));
                });
        return tx.transactional(rotated)
                .doOnNext(result -> log.info(
                        "User {} rotated key {} into {}",
                        caller.userId(),
                        keyId,
                        result.newKey().id()));
    }

    /**
     * Revokes every unrevoked key of the user, inside the caller's transaction (which should hold the
     * user's row locked, so that no key is added meanwhile); emits how many were revoked.
     */
    public Mono<Long> revokeAllOf(UUID userId, Instant now) {
        return keys.revokeAllOf(userId, now);
    }

    /**
     * Locks the owner's row for the rest of the transaction, then checks that {@code added} more active
     * keys fit under the limit. Counting under that lock is what makes the limit hold under concurrency:
     * two requests of one user cannot both count 49 and both insert. An owner disabled or deleted since
     * the request was authenticated gets the filter's 401.
     */
    private Mono<ApiKeyRepository.Owner> lockOwnerWithRoomFor(UUID userId, Instant now, long added, String advice) {
        return lockActiveOwner(userId)
                .flatMap(owner -> withRoomFor(userId, now, added, advice).thenReturn(owner));
    }

    private Mono<ApiKeyRepository.Owner> lockActiveOwner(UUID userId) {
        return keys.lockOwner(userId)
                .filter(ApiKeyRepository.Owner::active)
                .switchIfEmpty(Mono.error(() ->
                        new ApiException(ProblemType.UNAUTHENTICATED, "The access token is invalid or expired.")));
    }

    /** A key locked for a change, with its owner as read under the owner's lock. */
    private record OwnedKey(ApiKeyRepository.Owner owner, ApiKeyRecord key) {}

    /** Call only with the owner's row locked ({@link ApiKeyRepository#lockOwner}). */
    private Mono<Void> withRoomFor(UUID userId, Instant now, long added, String advice) {
        return keys.countUsable(userId, now)
                .flatMap(usable -> usable + added > policy.maxActivePerUser()
                        ? Mono.error(new ApiException(
                                ProblemType.KEY_LIMIT_REACHED,
                                "A user may hold at most " + policy.maxActivePerUser() + " active keys; " + advice))
                        : Mono.empty());
    }

    private Mono<ApiKeyRecord> visibleKey(Caller caller, UUID keyId, boolean asAdmin, Mono<ApiKeyRecord> lookup) {
        return lookup.filter(key -> asAdmin || key.userId().equals(caller.userId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No API key with id " + keyId + ".")));
    }

    private @Nullable Instant expiry(Instant now, @Nullable Integer expiresInDays) {
        if (expiresInDays == null) {
            return null;
        }
        if (expiresInDays > policy.maxExpiresInDays()) {
            throw ApiException.invalid("expires_in_days: must be at most " + policy.maxExpiresInDays() + ".");
        }
        return now.plus(Duration.ofDays(expiresInDays));
    }

    private Duration grace(@Nullable Long seconds) {
        if (seconds == null) {
            return policy.defaultRotationGrace();
        }
        Duration grace = Duration.ofSeconds(seconds);
        if (grace.compareTo(policy.maxRotationGrace()) > 0) {
            throw ApiException.invalid("grace_period_seconds: must be at most "
                    + policy.maxRotationGrace().toSeconds() + ".");
        }
        return grace;
    }

    private static ApiKeyResponse response(ApiKeyRecord saved, GeneratedKey key) {
        return new ApiKeyResponse(
                saved.id(),
                key.value(),
                saved.displayPrefix(),
                saved.description(),
                saved.createdAt(),
                saved.expiresAt(),
                saved.scopes());
    }
}
