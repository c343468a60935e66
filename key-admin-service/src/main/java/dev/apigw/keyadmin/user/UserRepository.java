package dev.apigw.keyadmin.user;

import static dev.apigw.keyadmin.support.Binds.nullable;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, username, password_hash, role, enabled, created_at, tokens_not_before, deleted_at, scopes";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user of that name; a deleted user is not found (so it cannot log in, whatever its row says). */
    public Mono<User> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE username = :username AND deleted_at IS NULL")
                .bind("username", username)
                .map(UserRepository::toUser)
                .one();
    }

    public Mono<User> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    /** The user unless deleted. */
    public Mono<User> findLive(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    /**
     * The users of these ids (deleted ones included), locked for update until the transaction ends. Rows
     * are locked in id order, so two transactions locking the same pair cannot deadlock.
     */
    Flux<User> lockAll(List<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(UserRepository::toUser)
                .all();
    }

    /** Users not deleted that match the filter, newest first. */
    Flux<User> page(UserFilter filter, int page, int size) {
        GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM users WHERE " + WHERE_FILTER
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        return bindFilter(spec, filter).map(UserRepository::toUser).all();
    }

    Mono<Long> count(UserFilter filter) {
        GenericExecuteSpec spec = db.sql("SELECT count(*) AS n FROM users WHERE " + WHERE_FILTER);
        return bindFilter(spec, filter).map(row -> row.get("n", Long.class)).one();
    }

    Mono<User> disable(UUID id, Instant now) {
        return update("enabled = false, " + BUMP, id, now)
                .map(UserRepository::toUser)
                .one();
    }

    Mono<User> enable(UUID id) {
        return db.sql("UPDATE users SET enabled = true WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    /** Soft delete: the row stays (keys and audit events refer to it), disabled and marked deleted. */
    Mono<User> delete(UUID id, Instant now) {
        return update("enabled = false, deleted_at = :now, " + BUMP, id, now)
                .bind("now", now)
                .map(UserRepository::toUser)
                .one();
    }

    Mono<User> changeRole(UUID id, Role role, Instant now) {
        return update("role = :role, " + BUMP, id, now)
                .bind("role", role.name())
                .map(UserRepository::toUser)
                .one();
    }

    /**
     * Sets the user's scopes; with {@code refuseTokens} (a scope was taken away) also refuses every token
     * issued so far, as its {@code scope} claim may name what the user no longer holds.
     */
    Mono<User> changeScopes(UUID id, List<String> scopes, boolean refuseTokens, Instant now) {
        GenericExecuteSpec spec = refuseTokens
                ? update("scopes = CAST(:scopes AS text[]), " + BUMP, id, now)
                : db.sql("UPDATE users SET scopes = CAST(:scopes AS text[]) WHERE id = :id RETURNING " + COLUMNS)
                        .bind("id", id);
        return spec.bind("scopes", scopes.toArray(String[]::new))
                .map(UserRepository::toUser)
                .one();
    }

    Mono<User> changePassword(UUID id, String passwordHash, Instant now) {
        return update("password_hash = :hash, " + BUMP, id, now)
                .bind("hash", passwordHash)
                .map(UserRepository::toUser)
                .one();
    }

    /**
     * The {@code tokens_not_before} a change at {@code now} sets: the next whole second. A JWT's
     * {@code iat} has whole seconds, so every token issued up to {@code now} (its {@code iat} at most
     * {@code now} rounded down) is before it; tokens issued afterwards get it as their {@code iat}
     * ({@link dev.apigw.keyadmin.auth.TokenIssuer}). {@link #BUMP} also moves it at least a second past
     * its previous value, so that a second change in the same second still refuses the tokens issued
     * between the two.
     */
    static Instant tokensNotBefore(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static final String BUMP = "tokens_not_before = GREATEST(CAST(:notBefore AS timestamptz),"
            + " tokens_not_before + interval '1 second')";

    private GenericExecuteSpec update(String assignments, UUID id, Instant now) {
        String sql = "UPDATE users SET " + assignments + " WHERE id = :id RETURNING " + COLUMNS;
        return db.sql(sql).bind("id", id).bind("notBefore", tokensNotBefore(now));
    }

    private static final String WHERE_FILTER = "deleted_at IS NULL"
            + " AND (CAST(:name AS text) IS NULL OR strpos(lower(username), lower(CAST(:name AS text))) > 0)"
            + " AND (CAST(:role AS text) IS NULL OR role = CAST(:role AS text))"
            + " AND (CAST(:enabled AS boolean) IS NULL OR enabled = CAST(:enabled AS boolean))";

    private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, UserFilter filter) {
        spec = nullable(spec, "name", filter.name(), String.class);
        spec = nullable(
                spec, "role", filter.role() == null ? null : filter.role().name(), String.class);
        return nullable(spec, "enabled", filter.enabled(), Boolean.class);
    }

    public Mono<Boolean> anyExists() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM users) AS present")
                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    /** Inserts the user; fails with a DuplicateKeyException when the name is taken. */
    public Mono<User> insert(String username, String passwordHash, Role role, Instant now) {
        return db.sql("INSERT INTO users (username, password_hash, role, enabled, created_at)"
                        + " VALUES (:username, :hash, :role, true, :now) RETURNING " + COLUMNS)
                .bind("username", username)
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .bind("now", now)
                .map(UserRepository::toUser)
                .one();
    }

    /** The {@code scopes} column of a row of users (or of a query naming it so): sorted, as stored. */
    public static List<String> scopes(Readable row) {
        String[] scopes = row.get("scopes", String[].class);
        return scopes == null ? List.of() : List.of(scopes);
    }

    private static User toUser(Readable row) {
        return new User(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("password_hash", String.class),
                Role.valueOf(row.get("role", String.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("created_at", Instant.class),
                row.get("tokens_not_before", Instant.class),
                row.get("deleted_at", Instant.class),
                scopes(row));
    }
}
