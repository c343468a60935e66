package dev.apigw.keyadmin.apikey;

import static dev.apigw.keyadmin.support.Binds.nullable;

import dev.apigw.keyadmin.user.UserRepository;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code api_keys}. Every statement that makes a key unusable fires the table's trigger, which
 * notifies gateways in the same transaction.
 */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, user_id, display_prefix, description, created_at, last_used,"
            + " expires_at, revoked, revoked_at, replaced_by, rotated_from, scopes";

    private final DatabaseClient db;

    ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ApiKeyRecord> insert(
            UUID userId,
            String hash,
            String displayPrefix,
            @Nullable String description,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable UUID rotatedFrom,
            List<String> scopes) {
        GenericExecuteSpec spec = db.sql("INSERT INTO api_keys (user_id, key_hash, display_prefix, description,"
                        + " created_at, expires_at, rotated_from, scopes) VALUES (:user, :hash, :prefix, :description,"
                        + " :created, :expires, :rotatedFrom, CAST(:scopes AS text[])) RETURNING " + COLUMNS)
                .bind("scopes", scopes.toArray(String[]::new))
                .bind("user", userId)
                .bind("hash", hash)
                .bind("prefix", displayPrefix)
                .bind("created", createdAt);
        spec = nullable(spec, "description", description, String.class);
        spec = nullable(spec, "expires", expiresAt, Instant.class);
        spec = nullable(spec, "rotatedFrom", rotatedFrom, UUID.class);
        return spec.map(ApiKeyRepository::toRecord).one();
    }

    Mono<ApiKeyRecord> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", id)
                .map(ApiKeyRepository::toRecord)
                .one();
    }

    /** The key, locked for update, for a change that reads before it writes. */
    Mono<ApiKeyRecord> lockById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(ApiKeyRepository::toRecord)
                .one();
    }

    /**
     * Locks the owner's {@code users} row until the transaction ends and emits whether the owner may hold
     * keys (enabled, not deleted); empty when there is no such user. Every change that counts a user's
     * keys before it adds one takes this lock first, so such changes of one user run one after another
     * and a count cannot be overtaken by another transaction's insert. The owner's scopes come with it:
     * read under the lock, an admin's change of them cannot slip in before the key is written.
     */
    Mono<Owner> lockOwner(UUID userId) {
        return db.sql("SELECT enabled AND deleted_at IS NULL AS active, scopes FROM users WHERE id = :user FOR UPDATE")
                .bind("user", userId)
                .map(row ->
                        new Owner(Boolean.TRUE.equals(row.get("active", Boolean.class)), UserRepository.scopes(row)))
                .one();
    }

    /** A key owner as read under its lock: whether it may hold keys, and the scopes it may give them. */
    record Owner(boolean active, List<String> scopes) {}

    /** Revokes every key of the user still unrevoked; emits how many. Runs in the caller's transaction. */
    Mono<Long> revokeAllOf(UUID userId, Instant now) {
        return db.sql("UPDATE api_keys SET revoked = true, revoked_at = :now WHERE user_id = :user AND NOT revoked")
                .bind("user", userId)
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    Flux<ApiKeyRecord> findByUser(UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :user ORDER BY created_at DESC, id")
                .bind("user", userId)
                .map(ApiKeyRepository::toRecord)
                .all();
    }

    Mono<Long> countUsable(UUID userId, Instant now) {
        return db.sql("SELECT count(*) AS n FROM api_keys WHERE user_id = :user AND NOT revoked"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("user", userId)
                .bind("now", now)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** Revokes the key unless it is already revoked; emits whether this call revoked it. */
    Mono<Boolean> revoke(UUID id, Instant now) {
        return db.sql("UPDATE api_keys SET revoked = true, revoked_at = :now WHERE id = :id AND NOT revoked")
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Marks {@code id} as replaced by {@code replacement}, working until {@code until} at the latest. */
    Mono<Boolean> markRotated(UUID id, UUID replacement, Instant until) {
        return db.sql("UPDATE api_keys SET replaced_by = :replacement,"
                        + " expires_at = LEAST(COALESCE(expires_at, :until), :until)"
                        + " WHERE id = :id AND replaced_by IS NULL AND NOT revoked")
                .bind("id", id)
                .bind("replacement", replacement)
                .bind("until", until)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    Flux<ApiKeyRecord> page(KeyFilter filter, Instant now, int page, int size) {
        GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE " + WHERE_FILTER
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        return bindFilter(spec, filter, now).map(ApiKeyRepository::toRecord).all();
    }

    Mono<Long> count(KeyFilter filter, Instant now) {
        GenericExecuteSpec spec = db.sql("SELECT count(*) AS n FROM api_keys WHERE " + WHERE_FILTER);
        return bindFilter(spec, filter, now)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    // The status conditions say what ApiKeyRecord.status(now) says, in SQL; the prefix is matched with
    // starts_with, so '%' and '_' in it are plain characters.
    private static final String WHERE_FILTER = "(CAST(:user AS uuid) IS NULL OR user_id = :user)"
            + " AND (CAST(:revoked AS boolean) IS NULL OR revoked = :revoked)"
            + " AND (CAST(:status AS text) IS NULL"
            + " OR (:status = 'REVOKED' AND revoked)"
            + " OR (:status = 'EXPIRED' AND NOT revoked AND expires_at <= :now)"
            + " OR (:status = 'ACTIVE' AND NOT revoked AND (expires_at IS NULL OR expires_at > :now)))"
            + " AND (CAST(:prefix AS text) IS NULL OR starts_with(display_prefix, :prefix))";

    private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, KeyFilter filter, Instant now) {
        spec = nullable(spec, "user", filter.userId(), UUID.class);
        spec = nullable(spec, "revoked", filter.revoked(), Boolean.class);
        KeyStatus status = filter.status();
        spec = nullable(spec, "status", status == null ? null : status.name(), String.class);
        spec = nullable(spec, "prefix", filter.prefix(), String.class);
        return spec.bind("now", now);
    }

    private static ApiKeyRecord toRecord(Readable row) {
        return new ApiKeyRecord(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("display_prefix", String.class),
                row.get("description", String.class),
                row.get("created_at", Instant.class),
                row.get("last_used", Instant.class),
                row.get("expires_at", Instant.class),
                Boolean.TRUE.equals(row.get("revoked", Boolean.class)),
                row.get("revoked_at", Instant.class),
                row.get("replaced_by", UUID.class),
                row.get("rotated_from", UUID.class),
                UserRepository.scopes(row));
    }
}
