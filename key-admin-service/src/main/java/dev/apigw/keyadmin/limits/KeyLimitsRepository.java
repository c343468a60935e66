package dev.apigw.keyadmin.limits;

import dev.apigw.keycore.limits.Limits;
import dev.apigw.keycore.limits.QuotaPeriod;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** A key's limit columns ({@code V6__key_limits.sql}). */
@Repository
class KeyLimitsRepository {

    private final DatabaseClient db;

    KeyLimitsRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A key with its owner and limits, locked for update when {@code lock}. */
    Mono<KeyLimits> find(UUID keyId, boolean lock) {
        return db.sql("SELECT id, user_id, rate_limit, rate_window_seconds, rate_burst, quota, quota_period"
                        + " FROM api_keys WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
                .bind("id", keyId)
                .map(KeyLimitsRepository::read)
                .one();
    }

    Mono<Void> update(UUID keyId, Limits limits) {
        Limits.Rate rate = limits.rate();
        Limits.Quota quota = limits.quota();
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE api_keys SET rate_limit = :rate, rate_window_seconds"
                        + " = :window, rate_burst = :burst, quota = :quota, quota_period = :period WHERE id = :id")
                .bind("id", keyId);
        spec = rate == null
                ? spec.bindNull("rate", Long.class)
                        .bindNull("window", Integer.class)
                        .bindNull("burst", Long.class)
                : spec.bind("rate", rate.limit())
                        .bind("window", (int) rate.window().toSeconds())
                        .bind("burst", rate.burst());
        spec = quota == null
                ? spec.bindNull("quota", Long.class).bindNull("period", String.class)
                : spec.bind("quota", quota.limit())
                        .bind("period", quota.period().policyName());
        return spec.then();
    }

    private static KeyLimits read(Readable row) {
        Long rate = row.get("rate_limit", Long.class);
        Integer window = row.get("rate_window_seconds", Integer.class);
        Long burst = row.get("rate_burst", Long.class);
        Long quota = row.get("quota", Long.class);
        String period = row.get("quota_period", String.class);
        return new KeyLimits(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                new Limits(
                        rate == null || window == null || burst == null
                                ? null
                                : new Limits.Rate(rate, Duration.ofSeconds(window), burst),
                        quota == null || period == null ? null : new Limits.Quota(quota, QuotaPeriod.named(period))));
    }

    /** A key's id, owner and own limits. */
    record KeyLimits(UUID id, UUID userId, Limits limits) {
        Limits.@Nullable Quota quota() {
            return limits.quota();
        }
    }
}
