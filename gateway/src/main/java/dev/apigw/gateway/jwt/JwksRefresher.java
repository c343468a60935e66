package dev.apigw.gateway.jwt;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Fetches the JWKS at start (without holding up the start), then every refresh interval; while no key
 * has been fetched yet, every second.
 */
class JwksRefresher implements SmartLifecycle {

    private final @Nullable JwksKeyStore store;
    private volatile @Nullable Disposable schedule;

    JwksRefresher(@Nullable JwksKeyStore store) {
        this.store = store;
    }

    @Override
    public void start() {
        if (store != null) {
            schedule = Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                    .onBackpressureDrop()
                    .concatMap(tick -> store.refreshIfDue(), 1)
                    .subscribe();
        }
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }
}
