package dev.apigw.keyadmin.audit;

import static dev.apigw.keyadmin.support.Binds.nullable;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes who did what to which key or user. Called inside the transaction of the change it records,
 * so an event exists exactly when its change does. Details never hold a secret.
 */
@Component
public class AuditLog {

    private final DatabaseClient db;
    private final Clock clock;

    AuditLog(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Void> record(
            @Nullable UUID actorId,
            String action,
            String targetType,
            @Nullable UUID targetId,
            String requestId,
            @Nullable String detail) {
        GenericExecuteSpec spec = db.sql("INSERT INTO audit_events (occurred_at, actor_id, action, target_type,"
                        + " target_id, request_id, detail) VALUES (:at, :actor, :action, :targetType, :target,"
                        + " :requestId, :detail)")
                .bind("at", clock.instant())
                .bind("action", action)
                .bind("targetType", targetType)
                .bind("requestId", requestId);
        spec = nullable(spec, "actor", actorId, UUID.class);
        spec = nullable(spec, "target", targetId, UUID.class);
        spec = nullable(spec, "detail", detail, String.class);
        return spec.then();
    }
}
