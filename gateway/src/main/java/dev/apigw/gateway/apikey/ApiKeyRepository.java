package dev.apigw.gateway.apikey;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads a key by the SHA-256 of its value, with what makes it usable: never by the value itself. */
@Repository
class ApiKeyRepository {

    private final DatabaseClient db;

    ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<KeyRecord> findByHash(String hash) {
        return db.sql("SELECT k.id, k.user_id, k.revoked, k.expires_at, u.enabled FROM api_keys k"
                        + " JOIN users u ON u.id = k.user_id WHERE k.key_hash = :hash")
                .bind("hash", hash)
                .map(row -> new KeyRecord(row.get("id", UUID.class), row.get("user_id", UUID.class),
                        Boolean.TRUE.equals(row.get("revoked", Boolean.class)), row.get("expires_at", Instant.class),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class))))
                .one();
    }
}
