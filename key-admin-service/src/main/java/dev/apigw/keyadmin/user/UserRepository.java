package dev.apigw.keyadmin.user;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, username, password_hash, role, enabled, created_at, tokens_not_before, deleted_at";

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

    private static User toUser(Readable row) {
        return new User(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("password_hash", String.class),
                Role.valueOf(row.get("role", String.class)),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("created_at", Instant.class),
                row.get("tokens_not_before", Instant.class),
                row.get("deleted_at", Instant.class));
    }
}
