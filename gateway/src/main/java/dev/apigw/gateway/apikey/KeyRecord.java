package dev.apigw.gateway.apikey;

import dev.apigw.gateway.auth.FailureReason;
import dev.apigw.gateway.scope.Scopes;
import dev.apigw.keycore.limits.Limits;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway needs to know about a stored key; evaluated against the clock at each request.
 * {@code scopes} are its effective scopes: those it was given that its owner holds, as read together.
 * {@code limits} are the key's own rate limit and quota, {@link Limits#NONE} when an admin set none.
 */
public record KeyRecord(
        UUID id,
        UUID userId,
        boolean revoked,
        @Nullable Instant expiresAt,
        boolean userEnabled,
        Scopes scopes,
        Limits limits) {

    /** A key without scopes or limits of its own. */
    public KeyRecord(UUID id, UUID userId, boolean revoked, @Nullable Instant expiresAt, boolean userEnabled) {
        this(id, userId, revoked, expiresAt, userEnabled, Scopes.NONE, Limits.NONE);
    }

    /** Why the key cannot be used at {@code now}, or null when it can. */
    @Nullable
    FailureReason unusableAt(Instant now) {
        if (revoked) {
            return FailureReason.REVOKED_KEY;
        }
        if (!userEnabled) {
            return FailureReason.DISABLED_USER;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return FailureReason.EXPIRED_KEY;
        }
        return null;
    }
}
