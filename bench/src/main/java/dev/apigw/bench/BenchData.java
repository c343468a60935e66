package dev.apigw.bench;

import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;

/**
 * Prepares a benchmark run: a fresh database with the shared schema, one user, warm keys (used again
 * and again) and cold keys (each used once), an RSA key pair published as a JWKS file, repeated and
 * distinct RS256 tokens, and the nginx peer's key map. Everything is written to the output folder.
 *
 * <p>Usage: {@code BenchData <pg-host> <pg-port> <pg-user> <database> <out-dir> <warm-keys> <cold-keys>
 * <repeated-tokens> <distinct-tokens>}
 */
public final class BenchData {

    private BenchData() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[2];
        String database = args[3];
        Path out = Path.of(args[4]);
        int warm = Integer.parseInt(args[5]);
        int cold = Integer.parseInt(args[6]);
        int repeatedTokens = Integer.parseInt(args[7]);
        int distinctTokens = Integer.parseInt(args[8]);
        String password = System.getenv().getOrDefault("DB_PASSWORD", "");
        Files.createDirectories(out);

        try (Connection admin = DriverManager.getConnection(
                        "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database + "?reWriteBatchedInserts=true";
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/keys-schema")
                .load()
                .migrate();

        KeyFormat format = KeyFormat.defaults();
        UUID userId;
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            userId = insertUser(db);
            List<GeneratedKey> warmKeys = insertKeys(db, format, userId, warm);
            List<GeneratedKey> coldKeys = insertKeys(db, format, userId, cold);
            writeLines(
                    out.resolve("warm-keys.txt"),
                    warmKeys.stream().map(GeneratedKey::value).toList());
            writeLines(
                    out.resolve("cold-keys.txt"),
                    coldKeys.stream().map(GeneratedKey::value).toList());
            // Well-formed keys (valid checksum) that were never stored: what a random-key flood sends.
            writeLines(
                    out.resolve("unknown-keys.txt"),
                    IntStream.range(0, warm)
                            .mapToObj(i -> format.generate().value())
                            .toList());
            writeLines(
                    out.resolve("nginx-keys.map"),
                    warmKeys.stream()
                            .map(key -> "\"" + key.value() + "\" \"" + userId + "\";")
                            .toList());
            try (Statement analyze = db.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }

        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        String kid = "bench-" + UUID.randomUUID();
        Files.writeString(
                out.resolve("jwks.json"),
                "{\"keys\":["
                        + Jwks.json(Jwks.builder()
                                .key((RSAPublicKey) pair.getPublic())
                                .id(kid)
                                .build()) + "]}");
        Instant now = Instant.now();
        writeLines(out.resolve("tokens-repeated.txt"), tokens(pair, kid, now, userId, repeatedTokens));
        writeLines(out.resolve("tokens-distinct.txt"), tokens(pair, kid, now, userId, distinctTokens));
        System.out.printf(
                "Seeded %s: 1 user, %d warm keys, %d cold keys, %d + %d tokens%n",
                database, warm, cold, repeatedTokens, distinctTokens);
    }

    private static UUID insertUser(Connection db) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO users (username, password_hash, role)"
                        + " VALUES ('bench', 'not-a-login', 'USER') RETURNING id");
                ResultSet rows = insert.executeQuery()) {
            rows.next();
            return rows.getObject(1, UUID.class);
        }
    }

    private static List<GeneratedKey> insertKeys(Connection db, KeyFormat format, UUID userId, int count)
            throws Exception {
        List<GeneratedKey> keys = new ArrayList<>(count);
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO api_keys (user_id, key_hash, display_prefix," + " created_at) VALUES (?, ?, ?, now())")) {
            for (int i = 0; i < count; i++) {
                GeneratedKey key = format.generate();
                keys.add(key);
                insert.setObject(1, userId);
                insert.setString(2, key.hash());
                insert.setString(3, key.displayPrefix());
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return keys;
    }

    /**
     * Tokens of the seeded user: the gateway admits a key-admin-service token only for a user it knows
     * (gateway.auth.jwt.subjects-are-users), so a random subject would measure a 401.
     */
    private static List<String> tokens(KeyPair pair, String kid, Instant now, UUID subject, int count) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> Jwts.builder()
                        .header()
                        .keyId(kid)
                        .and()
                        .issuer("key-admin-service")
                        .audience()
                        .add("api-gateway")
                        .and()
                        .subject(subject.toString())
                        .id(UUID.randomUUID().toString())
                        .issuedAt(Date.from(now))
                        .expiration(Date.from(now.plusSeconds(3 * 3600)))
                        .signWith(pair.getPrivate(), Jwts.SIG.RS256)
                        .compact())
                .toList();
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (String line : lines) {
                writer.write(line);
                writer.newLine();
            }
        }
    }
}
