package dev.apigw.gateway.support;

import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Writes users and keys straight into the test database, as key-admin-service would. */
public final class TestKeys {

    private final TestDatabase db;
    private final KeyFormat format = KeyFormat.defaults();

    public TestKeys(TestDatabase db) {
        this.db = db;
    }

    public record StoredKey(UUID id, UUID userId, String value) {}

    public UUID user() {
        return user(true);
    }

    public UUID user(boolean enabled) {
        try (Connection connection = db.openConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, password_hash,"
                        + " role, enabled) VALUES (?, 'x', 'USER', ?) RETURNING id")) {
            insert.setString(1, "u-" + UUID.randomUUID());
            insert.setBoolean(2, enabled);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public StoredKey key() {
        return key(user(), null);
    }

    public StoredKey key(UUID userId, @Nullable Instant expiresAt) {
        GeneratedKey key = format.generate();
        try (Connection connection = db.openConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (user_id, key_hash,"
                        + " display_prefix, created_at, expires_at) VALUES (?, ?, ?, now(), ?) RETURNING id")) {
            insert.setObject(1, userId);
            insert.setString(2, key.hash());
            insert.setString(3, key.displayPrefix());
            insert.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new StoredKey(rows.getObject(1, UUID.class), userId, key.value());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new user holding {@code scopes}. */
    public UUID userWithScopes(String... scopes) {
        UUID user = user();
        setUserScopes(user, scopes);
        return user;
    }

    /** Replaces the user's scopes as key-admin-service does: the trigger notifies the user and each key. */
    public void setUserScopes(UUID userId, String... scopes) {
        try (Connection connection = db.openConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE users SET scopes = ? WHERE id = ?")) {
            update.setArray(1, connection.createArrayOf("text", scopes));
            update.setObject(2, userId);
            update.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key of {@code userId} given {@code scopes} (whether or not the user holds them: no check here). */
    public StoredKey keyWithScopes(UUID userId, String... scopes) {
        StoredKey key = key(userId, null);
        try (Connection connection = db.openConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE api_keys SET scopes = ? WHERE id = ?")) {
            update.setArray(1, connection.createArrayOf("text", scopes));
            update.setObject(2, key.id());
            update.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    /** Revokes as key-admin-service does: the table's trigger sends the notification. */
    public void revoke(UUID keyId) {
        execute("UPDATE api_keys SET revoked = true, revoked_at = now() WHERE id = ?", keyId);
    }

    public void disableUser(UUID userId) {
        execute("UPDATE users SET enabled = false WHERE id = ?", userId);
    }

    public @Nullable Instant lastUsed(UUID keyId) {
        try (Connection connection = db.openConnection();
                PreparedStatement query = connection.prepareStatement("SELECT last_used FROM api_keys WHERE id = ?")) {
            query.setObject(1, keyId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp used = rows.getTimestamp(1);
                return used == null ? null : used.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql, Object... parameters) {
        try (Connection connection = db.openConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
