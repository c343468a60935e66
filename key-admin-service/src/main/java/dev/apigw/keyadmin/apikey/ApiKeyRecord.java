package dev.apigw.keyadmin.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code api_keys}, without its hash: nothing above the repository needs it. */
record ApiKeyRecord(
        UUID id,
        UUID userId,
        String displayPrefix,
        @Nullable String description,
        Instant createdAt,
        @Nullable Instant lastUsed,
        @Nullable Instant expiresAt,
        boolean revoked,
        @Nullable Instant revokedAt,
        @Nullable UUID replacedBy,
        @Nullable UUID rotatedFrom,
        List<String> scopes) {

    KeyStatus status(Instant now) {
        if (revoked) {
            return KeyStatus.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? KeyStatus.EXPIRED : KeyStatus.ACTIVE;
    }
}
