package dev.apigw.keyadmin.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Login-attempt counters in the {@code login_throttle} table, shared by every instance. Each attempt is one
 * atomic upsert, made before the password is checked, so concurrent attempts on several instances are all
 * counted and each sees the count and block that the ones before it left. (The column is still called
 * {@code failures}.) The time is always the
 * caller's, never the database's, so that the service's clock is the only one that matters.
 */
@Repository
class LoginCounters {

    /** Rows with nothing left to say that one recorded attempt deletes: more than it adds. */
    static final int PURGE_PER_FAILURE = 16;

    /** The update is skipped, and nothing returned, while the key is blocked: such an attempt is refused. */
    private static final String RECORD_ATTEMPT = """
            WITH purged AS (
                DELETE FROM login_throttle d
                USING (SELECT kind, key_hash FROM login_throttle
                       WHERE expires_at <= :now AND NOT (kind = :kind AND key_hash = :hash)
                       ORDER BY expires_at LIMIT %d FOR UPDATE SKIP LOCKED) old
                WHERE d.kind = old.kind AND d.key_hash = old.key_hash
            )
            INSERT INTO login_throttle AS t (kind, key_hash, failures, window_start, blocked_until, expires_at)
            SELECT :kind, :hash, 1, :now, b, GREATEST(:now + make_interval(secs => :window), b)
            FROM (SELECT CASE WHEN 1 >= :max THEN :now + make_interval(secs => (%s)[1]) END AS b) first
            ON CONFLICT (kind, key_hash) DO UPDATE SET (failures, window_start, blocked_until, expires_at) = (
                SELECT n, w, GREATEST(t.blocked_until, b), GREATEST(w + make_interval(secs => :window), t.blocked_until, b)
                FROM (SELECT n, w, CASE WHEN n >= :max
                                   THEN :now + make_interval(secs => (%s)[LEAST(n - :max + 1, cardinality(%s))])
                                   END AS b
                      FROM (SELECT CASE WHEN restart THEN 1 ELSE t.failures + 1 END AS n,
                                   CASE WHEN restart THEN CAST(:now AS timestamptz) ELSE t.window_start END AS w
                            FROM (SELECT t.window_start + make_interval(secs => :window) <= :now AS restart) r) c) d)
            WHERE t.blocked_until IS NULL OR t.blocked_until <= :now
            RETURNING failures, blocked_until
            """.formatted(PURGE_PER_FAILURE, blocks(), blocks(), blocks());

    private final DatabaseClient db;

    LoginCounters(DatabaseClient db) {
        this.db = db;
    }

    private static String blocks() {
        return "CAST(string_to_array(:blocks, ',') AS float8[])";
    }

    /** The latest time until which any of the keys is blocked, if one is blocked after {@code now}. */
    Mono<Instant> blockedUntil(List<LoginThrottle.Key> keys, Instant now) {
        StringBuilder sql = new StringBuilder(
                "SELECT max(blocked_until) AS until FROM login_throttle WHERE blocked_until > :now AND (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : " OR ")
                    .append("(kind = :kind")
                    .append(i)
                    .append(" AND key_hash = :hash")
                    .append(i)
                    .append(')');
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql.append(')').toString()).bind("now", now);
        for (int i = 0; i < keys.size(); i++) {
            spec = spec.bind("kind" + i, keys.get(i).kind().column())
                    .bind("hash" + i, keys.get(i).hash());
        }
        return spec.map(row -> Optional.ofNullable(row.get("until", Instant.class)))
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Counts an attempt and returns the count and the block it earned (null when none); empty, counting
     * nothing, when the key was already blocked at {@code now}. The row lock of the upsert orders concurrent
     * attempts, so the check and the count are one step.
     */
    Mono<Counted> recordAttempt(LoginThrottle.Key key, LoginThrottle.Limit limit, Instant now) {
        return db.sql(RECORD_ATTEMPT)
                .bind("kind", key.kind().column())
                .bind("hash", key.hash())
                .bind("now", now)
                .bind("max", limit.maxFailures())
                .bind("window", seconds(limit.window()))
                .bind(
                        "blocks",
                        limit.blocks().stream()
                                .map(LoginCounters::seconds)
                                .map(String::valueOf)
                                .collect(Collectors.joining(",")))
                .map(row -> new Counted(row.get("failures", Integer.class), row.get("blocked_until", Instant.class)))
                .one();
    }

    Mono<Void> clear(LoginThrottle.Key key) {
        return db.sql("DELETE FROM login_throttle WHERE kind = :kind AND key_hash = :hash")
                .bind("kind", key.kind().column())
                .bind("hash", key.hash())
                .then();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    record Counted(int failures, @Nullable Instant blockedUntil) {}
}
