package dev.apigw.keyadmin.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which audit events a listing shows; a null field does not filter.
 *
 * @param actorId who acted
 * @param action  the action, exactly (e.g. {@code KEY_REVOKED})
 * @param from    events at or after this instant
 * @param to      events before this instant
 */
public record AuditFilter(
        @Nullable UUID actorId,
        @Nullable String action,
        @Nullable Instant from,
        @Nullable Instant to) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null);
}
