package dev.apigw.keyadmin.audit;

import static dev.apigw.keyadmin.support.Binds.nullable;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
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

    public Flux<AuditEvent> page(AuditFilter filter, int page, int size) {
        GenericExecuteSpec spec = db.sql(
                        "SELECT id, occurred_at, actor_id, action, target_type, target_id, request_id, detail"
                                + " FROM audit_events WHERE " + WHERE_FILTER
                                + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        return bindFilter(spec, filter)
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

    public Mono<Long> count(AuditFilter filter) {
        return bindFilter(db.sql("SELECT count(*) AS n FROM audit_events WHERE " + WHERE_FILTER), filter)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private static final String WHERE_FILTER = "(CAST(:actor AS uuid) IS NULL OR actor_id = :actor)"
            + " AND (CAST(:action AS text) IS NULL OR action = :action)"
            + " AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= :from)"
            + " AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < :to)";

    private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, AuditFilter filter) {
        spec = nullable(spec, "actor", filter.actorId(), UUID.class);
        spec = nullable(spec, "action", filter.action(), String.class);
        spec = nullable(spec, "from", filter.from(), Instant.class);
        return nullable(spec, "to", filter.to(), Instant.class);
    }
}
