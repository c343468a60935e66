package dev.apigw.keyadmin.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One entry of the audit log, as the admin API shows it. */
public record AuditEvent(
        long id,
        Instant occurredAt,
        @Nullable UUID actorId,
        String action,
        String targetType,
        @Nullable UUID targetId,
        @Nullable String requestId,
        @Nullable String detail) {}
