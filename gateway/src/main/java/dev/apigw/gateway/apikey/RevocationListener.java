package dev.apigw.gateway.apikey;

import dev.apigw.gateway.config.RevocationProperties;
import dev.apigw.gateway.user.UserChanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LISTENs on the key change channel over a connection of its own (not from the pool): drops the
 * notified key from the cache at once, and lists it among the {@link KnownKeys} (new keys are notified
 * too). A user's notice ({@code user:<id>}) goes to {@link UserChanges}, which also loads every user
 * after each LISTEN, as the known keys are.
 *
 * <p>Notifications sent while no connection listens are gone, so every (re)connection empties the
 * whole key cache and loads the known keys again (over the same connection, after LISTEN, so that no
 * key created meanwhile is missed); until that load completes, the known keys are not current. A lost
 * connection is re-opened with exponential backoff; a periodic ping on it catches a connection that
 * died silently. The cache's {@code ttl} bounds staleness if a notice is missed anyway.
 */
@Component
public class RevocationListener implements SmartLifecycle, ReactiveHealthIndicator {

    /** How the listener's connection names itself in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "gateway-revocation-listener";
    /** Emitted once per successful LISTEN; never a key hash (those are 64 hex characters). */
    private static final String CONNECTED = "";

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

    private final ConnectionFactory connections;
    private final ApiKeyCache cache;
    private final KnownKeys known;
    private final UserChanges users;
    private final RevocationProperties settings;
    private final Counter notifications;
    private final Counter reconnects;
    private volatile boolean listening;
    private volatile @Nullable Disposable subscription;

    RevocationListener(
            R2dbcProperties r2dbc,
            ApiKeyCache cache,
            KnownKeys known,
            UserChanges users,
            RevocationProperties settings,
            MeterRegistry meters) {
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate();
        if (r2dbc.getUsername() != null) {
            options.option(ConnectionFactoryOptions.USER, r2dbc.getUsername());
        }
        if (r2dbc.getPassword() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword());
        }
        options.option(io.r2dbc.spi.Option.valueOf("applicationName"), APPLICATION_NAME);
        this.connections = ConnectionFactories.get(options.build());
        this.cache = cache;
        this.known = known;
        this.users = users;
        this.settings = settings;
        this.notifications = Counter.builder("gateway.auth.revocation.notifications")
                .description("Key change notifications received")
                .register(meters);
        this.reconnects = Counter.builder("gateway.auth.revocation.reconnects")
                .description("Times the listener connection was lost and opened again")
                .register(meters);
    }

    private Flux<String> listenOnce() {
        return Flux.usingWhen(
                connections.create(),
                this::listen,
                Connection::close,
                (connection, error) -> Mono.from(connection.close()).onErrorComplete(),
                Connection::close);
    }

    private Flux<String> listen(Connection connection) {
        PostgresqlConnection postgres = (PostgresqlConnection) connection;
        Mono<Void> subscribe = postgres.createStatement("LISTEN " + settings.channel())
                .execute()
                .flatMap(result -> result.getRowsUpdated())
                .then()
                .doOnSuccess(ignored -> {
                    // Anything revoked while we were not listening is unknown: forget everything.
                    cache.invalidateAll();
                    listening = true;
                    log.info("Listening for key changes on channel '{}'", settings.channel());
                });
        Flux<String> changes = postgres.getNotifications()
                .map(Notification::getParameter)
                .concatWith(Mono.error(() -> new IllegalStateException("listener connection closed")));
        Flux<String> liveness = Flux.interval(settings.livenessInterval())
                .concatMap(tick -> postgres.createStatement("SELECT 1")
                        .execute()
                        .flatMap(result -> result.map((row, meta) -> 1))
                        .then()
                        .timeout(settings.livenessTimeout()))
                .thenMany(Flux.empty());
        // The empty marker after a successful LISTEN resets the reconnect backoff (transientErrors):
        // a connection that worked starts the next failure's backoff from the minimum again. Changes are
        // subscribed to before the known keys are read, so a key created during the read is not missed;
        // the pings start after the read, which a large table could make longer than a ping may take.
        return subscribe.thenMany(Flux.concat(
                Mono.just(CONNECTED),
                Flux.merge(
                        changes,
                        loadKnownKeys(postgres).then(users.loadAll(postgres)).thenMany(liveness))));
    }

    private Mono<Void> loadKnownKeys(PostgresqlConnection postgres) {
        return postgres.createStatement("SELECT key_hash FROM api_keys")
                .execute()
                .flatMap(result -> result.map((row, meta) -> row.get(0, String.class)))
                .doOnNext(known::add)
                .then()
                .doOnSuccess(ignored -> {
                    known.loaded();
                    log.info("Loaded the stored keys' hashes: {} known", known.size());
                });
    }

    @Override
    public void start() {
        subscription = listenOnce()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
                        .maxBackoff(settings.maxBackoff())
                        .transientErrors(true)
                        .doBeforeRetry(signal -> {
                            listening = false;
                            known.stale();
                            users.lost();
                            reconnects.increment();
                            log.warn(
                                    "Revocation listener lost its connection (attempt {}): {}",
                                    signal.totalRetriesInARow() + 1,
                                    signal.failure().toString());
                        }))
                .subscribe(this::onChange, error -> {
                    listening = false;
                    known.stale();
                    users.lost();
                    log.error("Revocation listener stopped", error);
                });
    }

    private void onChange(String keyHash) {
        if (CONNECTED.equals(keyHash)) {
            return;
        }
        notifications.increment();
        if (users.isUserNotice(keyHash)) {
            users.onNotice(keyHash);
        } else if (!keyHash.isEmpty()) {
            known.add(keyHash);
            cache.invalidate(keyHash);
        }
    }

    @Override
    public void stop() {
        listening = false;
        known.stale();
        users.lost();
        Disposable running = subscription;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = subscription;
        return running != null && !running.isDisposed();
    }

    /** True while a connection is LISTENing. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public Mono<Health> health() {
        return Mono.just(
                listening
                        ? Health.up().withDetail("channel", settings.channel()).build()
                        : Health.down()
                                .withDetail("channel", settings.channel())
                                .withDetail("reason", "not listening; reconnecting")
                                .build());
    }
}
