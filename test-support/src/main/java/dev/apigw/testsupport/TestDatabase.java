package dev.apigw.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL database of this test run's own, created on first use and dropped when the JVM exits,
 * so that runs never see each other's data.
 *
 * <p>The server is read from the environment (or system properties of the same name in lower case
 * with dots): {@code TEST_PG_HOST} (default 127.0.0.1), {@code TEST_PG_PORT} (5432),
 * {@code TEST_PG_USER} (postgres), {@code TEST_PG_PASSWORD} (empty). When no server answers there and
 * Docker is available, a PostgreSQL container is started instead; otherwise the first use fails with
 * one message saying what to provide.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static volatile TestDatabase instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** The run's database, migrated to the shared schema. Thread-safe; created once per JVM. */
    public static TestDatabase get() {
        TestDatabase db = instance;
        if (db == null) {
            synchronized (TestDatabase.class) {
                db = instance;
                if (db == null) {
                    db = another();
                    instance = db;
                }
            }
        }
        return db;
    }

    /**
     * Another migrated database on the same server, for tests that must break their database (an
     * outage) without disturbing the others. Dropped when the JVM exits, like the first.
     */
    public static synchronized TestDatabase another() {
        Server server = server();
        String name = "gwtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            try (Connection admin = connect(server.host, server.port, server.user, server.password, "postgres");
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "test-db-drop-" + name));
        log.info("Created test database {} on {}:{}", name, server.host, server.port);
        TestDatabase db = new TestDatabase(server.host, server.port, server.user, server.password, name);
        db.migrate();
        return db;
    }

    private record Server(String host, int port, String user, String password) {}

    private static Server server;

    private static synchronized Server server() {
        if (server == null) {
            server = findServer();
        }
        return server;
    }

    private static Server findServer() {
        String host = setting("TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting("TEST_PG_PORT", "5432"));
        String user = setting("TEST_PG_USER", "postgres");
        String password = setting("TEST_PG_PASSWORD", "");
        SQLException failure;
        try (Connection probe = connect(host, port, user, password, "postgres")) {
            return new Server(host, port, user, password);
        } catch (SQLException e) {
            failure = e;
        }
        if (dockerAvailable()) {
            log.info("No PostgreSQL at {}:{} ({}); starting one with Testcontainers", host, port, failure.getMessage());
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-db-container-stop"));
            return new Server(
                    container.getHost(),
                    container.getFirstMappedPort(),
                    container.getUsername(),
                    container.getPassword());
        }
        throw new IllegalStateException(
                "Tests need PostgreSQL 13 or newer: none answered at " + host + ":" + port
                        + " as user '" + user + "' (" + failure.getMessage() + ") and Docker is not available. Start"
                        + " PostgreSQL there, or point TEST_PG_HOST, TEST_PG_PORT, TEST_PG_USER and TEST_PG_PASSWORD at"
                        + " a server where that user may create databases, or start Docker.",
                failure);
    }

    private static void drop(Server server, String name) {
        try (Connection admin = connect(server.host, server.port, server.user, server.password, "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("Could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private static Connection connect(String host, int port, String user, String password, String database)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(jdbcUrl(), user, password)
                .locations("classpath:db/keys-schema")
                .load()
                .migrate();
    }

    /** A plain JDBC connection to this database, for test set-up and assertions. */
    public Connection openConnection() throws SQLException {
        return connect(host, port, user, password, name);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String username() {
        return user;
    }

    public String password() {
        return password;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /**
     * Simulates a database outage (false) and its end (true): while off, the server refuses new
     * connections to this database and every open one is terminated.
     */
    public void setAcceptingConnections(boolean accepting) {
        try (Connection admin = connect(host, port, user, password, "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accepting);
            if (!accepting) {
                statement.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not switch connections to " + name, e);
        }
    }

    /** The Spring properties that point R2DBC and Flyway at this database. */
    public java.util.Map<String, String> springProperties() {
        return java.util.Map.of(
                "spring.r2dbc.url",
                r2dbcUrl(),
                "spring.r2dbc.username",
                user,
                "spring.r2dbc.password",
                password,
                "spring.flyway.url",
                jdbcUrl(),
                "spring.flyway.user",
                user,
                "spring.flyway.password",
                password);
    }
}
