package dev.apigw.gateway.limiter;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Decides whether one request of a caller is within all of the caller's policies, and counts it if it
 * is: atomically, so concurrent requests of one caller never both take the last permit, and a refused
 * request is counted by none of the policies.
 *
 * <p>Implementations are thread-safe and never block the calling thread.
 */
public interface Limiter {

    /**
     * @param caller   the caller's tag ({@code LimitKeys.keyCaller} / {@code userCaller}); never raw
     *                 user input
     * @param policies one or more policies with distinct names
     * @return one decision; a {@code Mono} that may signal an error only where the implementation says so
     */
    Mono<Decision> decide(String caller, List<Policy> policies);
}
