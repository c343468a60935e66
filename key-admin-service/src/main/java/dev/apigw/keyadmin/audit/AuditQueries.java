package dev.apigw.keyadmin.audit;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the audit log, newest first. */
@Component
public class AuditQueries {

    private final DatabaseClient db;

    AuditQueries(DatabaseClient db) {
        this.db = db;
    }

    public Flux<AuditEvent> page(int page, int size) {
        return db.sql("SELECT id, occurred_at, actor_id, action, target_type, target_id, request_id, detail"
                        + " FROM audit_events ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(row -> new AuditEvent(
                        row.get("id", Long.class),
                        row.get("occurred_at", Instant.class),
                        row.get("actor_id", UUID.class),
                        row.get("action", String.class),
                        row.get("target_type", String.class),
                        row.get("target_id", UUID.class),
                        row.get("request_id", String.class),
                        row.get("detail", String.class)))
                .all();
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM audit_events")
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
