package dev.apigw.gateway.apikey;

import dev.apigw.gateway.scope.Scopes;
import dev.apigw.keycore.limits.Limits;
import dev.apigw.keycore.limits.QuotaPeriod;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
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

    private static final String SELECT = "SELECT k.key_hash, k.id, k.user_id, k.revoked, k.expires_at, u.enabled,"
            + " k.rate_limit, k.rate_window_seconds, k.rate_burst, k.quota, k.quota_period,"
            + " k.scopes AS key_scopes, u.scopes AS owner_scopes FROM api_keys k JOIN users u ON u.id = k.user_id";

    /**
     * The keys among {@code hashes} that exist, by hash, in one query (an index scan, also for one hash);
     * absent hashes are not in the map.
     */
    Mono<Map<String, KeyRecord>> findByHashes(Collection<String> hashes) {
        return db.sql(SELECT + " WHERE k.key_hash = ANY(CAST(:hashes AS char(64)[]))")
                .bind("hashes", hashes.toArray(String[]::new))
                .map(row -> Map.entry(row.get("key_hash", String.class), keyRecord(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static KeyRecord keyRecord(Readable row) {
        return new KeyRecord(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                Boolean.TRUE.equals(row.get("revoked", Boolean.class)),
                row.get("expires_at", Instant.class),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                scopes(row, "key_scopes").retainAll(scopes(row, "owner_scopes")),
                limits(row));
    }

    /** A text[] column as scopes; read with the key, so the intersection is as of one snapshot. */
    private static Scopes scopes(Readable row, String column) {
        String[] names = row.get(column, String[].class);
        return names == null ? Scopes.NONE : Scopes.of(names);
    }

    /** The key's own limits; the schema's checks keep each part whole or absent. */
    private static Limits limits(Readable row) {
        Long rate = row.get("rate_limit", Long.class);
        Integer window = row.get("rate_window_seconds", Integer.class);
        Long burst = row.get("rate_burst", Long.class);
        Long quota = row.get("quota", Long.class);
        String period = row.get("quota_period", String.class);
        return new Limits(
                rate == null || window == null || burst == null
                        ? null
                        : new Limits.Rate(rate, Duration.ofSeconds(window), burst),
                quota == null || period == null ? null : new Limits.Quota(quota, QuotaPeriod.named(period)));
    }
}
