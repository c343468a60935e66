package dev.apigw.reliability;

import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** The suite's own database: created fresh, migrated, and written to directly, as key-admin-service does. */
final class Fixture {

    final String host;
    final int port;
    final String user;
    final String password;
    final String database;
    final UUID userId;
    private final KeyFormat format = KeyFormat.defaults();

    Fixture(String host, int port, String user, String password, String database) throws Exception {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        Flyway.configure()
                .dataSource(url(), user, password)
                .locations("classpath:db/keys-schema")
                .load()
                .migrate();
        try (Connection db = connect();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO users (username, password_hash, role) VALUES ('reliability', 'x', 'USER') RETURNING id");
                ResultSet rows = insert.executeQuery()) {
            rows.next();
            userId = rows.getObject(1, UUID.class);
        }
    }

    record Key(UUID id, String value) {}

    Key newKey() throws Exception {
        GeneratedKey key = format.generate();
        try (Connection db = connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO api_keys"
                        + " (user_id, key_hash, display_prefix, created_at) VALUES (?, ?, ?, now()) RETURNING id")) {
            insert.setObject(1, userId);
            insert.setString(2, key.hash());
            insert.setString(3, key.displayPrefix());
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return new Key(rows.getObject(1, UUID.class), key.value());
            }
        }
    }

    /** Gives a key its own rate limit: {@code limit} a second, {@code burst} at once. */
    void rateLimit(UUID keyId, long limit, long burst) throws Exception {
        try (Connection db = connect();
                PreparedStatement update = db.prepareStatement(
                        "UPDATE api_keys SET rate_limit = ?, rate_window_seconds = 1, rate_burst = ? WHERE id = ?")) {
            update.setLong(1, limit);
            update.setLong(2, burst);
            update.setObject(3, keyId);
            update.executeUpdate();
        }
    }

    /** Revokes and returns when the transaction (and so the notification) has committed. */
    void revoke(UUID keyId) throws Exception {
        try (Connection db = connect();
                PreparedStatement update =
                        db.prepareStatement("UPDATE api_keys SET revoked = true, revoked_at = now() WHERE id = ?")) {
            update.setObject(1, keyId);
            update.executeUpdate();
        }
    }

    int killListeners() throws Exception {
        try (Connection db = connect();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'gateway-revocation-listener' AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** false: refuse new connections and end every open one (an outage); true: accept again. */
    void acceptConnections(boolean accept) throws Exception {
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + accept);
            if (!accept) {
                statement.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }

    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url(), user, password);
    }

    private Connection admin() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
    }
}
