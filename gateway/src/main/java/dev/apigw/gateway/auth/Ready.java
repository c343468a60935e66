package dev.apigw.gateway.auth;

import org.jspecify.annotations.Nullable;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * The value of a {@code Mono} that already holds one ({@code Mono.just}): a decision made without
 * waiting — a cached key or token, a malformed credential — is acted on at once, so the authenticated
 * request reaches the rest of the filter chain the way a public one does, not from inside an operator
 * subscribed later, which costs an operator's assembly and subscription per request. Reactor's own operators take the same shortcut for
 * such sources. Anything else — a lookup still to run, an error, an empty or decorated {@code Mono} —
 * gives null, and the caller composes it as usual.
 */
final class Ready {

    private Ready() {}

    static <T> @Nullable T now(Mono<T> mono) {
        if (!(mono instanceof Fuseable.ScalarCallable<?> scalar)) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            T value = (T) scalar.call();
            return value;
        } catch (Exception error) {
            return null; // Mono.error: left to the operators, which signal it
        }
    }
}
