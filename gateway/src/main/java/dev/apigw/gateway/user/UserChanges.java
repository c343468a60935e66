package dev.apigw.gateway.user;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keeps {@link UserStates} current. The key change listener hands it every {@code user:<id>} notice
 * (key-admin-service's schema sends one, in the writing transaction, for every change of a user's row)
 * and asks it to load every user after each successful {@code LISTEN}, over the listener's own
 * connection, so that no change made during the load is missed. Notices are re-read one at a time, in
 * the order they arrived, so an older answer never overwrites a newer one; a failed re-read takes the
 * user's tokens away until the next notice or load, rather than leaving a lockout unapplied.
 */
@Component
public class UserChanges {

    /** The payload prefix of a user's notice on the key change channel. */
    public static final String NOTICE_PREFIX = "user:";

    private static final Logger log = LoggerFactory.getLogger(UserChanges.class);
    private static final String SELECT =
            "SELECT id, enabled AND deleted_at IS NULL AS usable, tokens_not_before FROM users";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final UserStates states;
    private final DatabaseClient db;
    private final Sinks.Many<String> notices = Sinks.many().unicast().onBackpressureBuffer();

    UserChanges(UserStates states, DatabaseClient db) {
        this.states = states;
        this.db = db;
        notices.asFlux().concatMap(this::reread).subscribe();
    }

    /** Whether {@code payload} is a user's notice (handled here) rather than a key's. */
    public boolean isUserNotice(String payload) {
        return payload.startsWith(NOTICE_PREFIX);
    }

    /** A notice: the user's row is read again. */
    public void onNotice(String payload) {
        String id = payload.substring(NOTICE_PREFIX.length());
        if (isUuid(id)) {
            notices.emitNext(id, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }
    }

    /** Notices may be missed from now on, until the next {@link #loadAll}. */
    public void lost() {
        states.stale();
    }

    /** Every user, over the listener's connection right after its {@code LISTEN}. */
    public Mono<Void> loadAll(Connection connection) {
        return Mono.fromRunnable(states::loadBegins)
                .thenMany(Flux.from(connection.createStatement(SELECT).execute())
                        .flatMap(result -> result.map(row -> {
                            states.loaded(id(row), usable(row), notBefore(row));
                            return 1;
                        })))
                .then()
                .doOnSuccess(done -> {
                    states.loadDone();
                    log.info("Loaded the users' token states: {} known", states.size());
                });
    }

    private Mono<Void> reread(String id) {
        return db.sql(SELECT + " WHERE id = CAST(:id AS uuid)")
                .bind("id", id)
                .map(row -> {
                    states.changed(id, usable(row), notBefore(row));
                    return 1;
                })
                .all()
                .hasElements()
                .timeout(READ_TIMEOUT)
                .doOnNext(found -> {
                    if (!found) {
                        states.removed(id);
                    }
                })
                .onErrorResume(error -> {
                    log.warn(
                            "Could not re-read a changed user, refusing their tokens until it can: {}",
                            error.toString());
                    states.removed(id);
                    return Mono.empty();
                })
                .then();
    }

    private static String id(Readable row) {
        return String.valueOf(row.get("id", UUID.class));
    }

    private static boolean usable(Readable row) {
        return Boolean.TRUE.equals(row.get("usable", Boolean.class));
    }

    private static @Nullable Instant notBefore(Readable row) {
        return row.get("tokens_not_before", Instant.class);
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }
}
