package dev.apigw.gateway.jwt;

import dev.apigw.gateway.config.JwtProperties;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Fetches the JWKS at start (without holding up the start) and then every refresh interval. */
class JwksRefresher implements SmartLifecycle {

    private final @Nullable JwksKeyStore store;
    private final JwtProperties settings;
    private volatile @Nullable Disposable schedule;

    JwksRefresher(@Nullable JwksKeyStore store, JwtProperties settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (store != null) {
            schedule = Flux.interval(Duration.ZERO, settings.jwksRefreshInterval())
                    .onBackpressureDrop()
                    .concatMap(tick -> store.refresh(), 1)
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
