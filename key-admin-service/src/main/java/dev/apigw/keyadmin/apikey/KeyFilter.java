package dev.apigw.keyadmin.apikey;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which keys an admin listing shows; a null field does not filter.
 *
 * @param userId  the owner
 * @param revoked revoked or not
 * @param status  the key's status now (as {@link ApiKeySummary#status()} computes it)
 * @param prefix  the start of the display prefix, matched literally and case-sensitively
 */
public record KeyFilter(
        @Nullable UUID userId,
        @Nullable Boolean revoked,
        @Nullable KeyStatus status,
        @Nullable String prefix) {

    public KeyFilter(@Nullable UUID userId, @Nullable Boolean revoked) {
        this(userId, revoked, null, null);
    }
}
