package dev.apigw.gateway.jwt;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Fetches each issuer's JWKS at start (without holding up the start), then every refresh interval; while no key
 * has been fetched yet, every second.
 */
class JwksRefresher implements SmartLifecycle {

    private final List<JwksKeyStore> stores;
    private volatile @Nullable Disposable schedule;

    JwksRefresher(List<JwksKeyStore> stores) {
        this.stores = List.copyOf(stores);
    }

    @Override
    public void start() {
        if (!stores.isEmpty()) {
            // Side by side: a slow endpoint delays the next round by at most the JWKS timeout.
            schedule = Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                    .onBackpressureDrop()
                    .concatMap(
                            tick -> Flux.fromIterable(stores)
                                    .flatMap(JwksKeyStore::refreshIfDue)
                                    .then(),
                            1)
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
