package dev.apigw.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Where PostgreSQL is, and creating the system's database there when it is missing. */
public record Database(String host, int port, String user, String password, String name) {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public Database {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
    }

    /** Creates the database unless it exists; true when it was created. */
    public boolean createIfMissing() throws SQLException {
        try (Connection admin = connect("postgres");
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            return true;
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    /** The environment both services read their database from. */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of(
                "DB_HOST",
                host,
                "DB_PORT",
                Integer.toString(port),
                "DB_NAME",
                name,
                "DB_USER",
                user,
                "DB_PASSWORD",
                password);
    }
}
