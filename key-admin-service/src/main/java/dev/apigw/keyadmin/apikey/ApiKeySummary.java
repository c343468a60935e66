package dev.apigw.keyadmin.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A key as listings show it: never its value, never its hash.
 *
 * @param scopes the scopes the key was given, sorted; it may use those its owner still holds
 */
public record ApiKeySummary(
        UUID id,
        UUID userId,
        String displayPrefix,
        @Nullable String description,
        Instant createdAt,
        @Nullable Instant lastUsed,
        @Nullable Instant expiresAt,
        boolean revoked,
        @Nullable Instant revokedAt,
        KeyStatus status,
        @Nullable UUID replacedBy,
        @Nullable UUID rotatedFrom,
        List<String> scopes) {

    static ApiKeySummary of(ApiKeyRecord key, Instant now) {
        return new ApiKeySummary(
                key.id(),
                key.userId(),
                key.displayPrefix(),
                key.description(),
                key.createdAt(),
                key.lastUsed(),
                key.expiresAt(),
                key.revoked(),
                key.revokedAt(),
                key.status(now),
                key.replacedBy(),
                key.rotatedFrom(),
                key.scopes());
    }
}
