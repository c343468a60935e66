package dev.apigw.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A value derived once per key object and read on a hot path: keys are held weakly and compared by
 * identity (a replaced key object, such as a route after a refresh, is derived anew and the old one is
 * forgotten once collected).
 *
 * <p>A present value is read quietly ({@code Policy.getIfPresentQuietly}): a plain Caffeine read of a
 * weak-keyed cache goes into a read buffer whose drain is handed to another thread every few reads — a
 * task submission and a thread wake-up for bookkeeping that a cache without a size bound does not use.
 * Only a miss takes the cache's lock and derives; the cache's maintenance (dropping collected keys)
 * then runs on the calling thread, so nothing here ever wakes another thread.
 *
 * <p>Contract: thread-safe; {@code derive} runs at most once per key object at a time, must not return
 * null and must not block.
 */
public final class WeakMemo<K, V> {

    private final Cache<K, V> cache;
    private final Policy<K, V> policy;
    private final Function<? super K, ? extends V> derive;

    private WeakMemo(Function<? super K, ? extends V> derive, Executor maintenance) {
        this.derive = Objects.requireNonNull(derive, "derive");
        this.cache = Caffeine.newBuilder().weakKeys().executor(maintenance).build();
        this.policy = cache.policy();
    }

    /** Values made by {@code derive}, the cache's maintenance run on the calling thread. */
    public static <K, V> WeakMemo<K, V> of(Function<? super K, ? extends V> derive) {
        return new WeakMemo<>(derive, Runnable::run);
    }

    /** As {@link #of(Function)}, with the executor Caffeine hands its maintenance to (tests count it). */
    static <K, V> WeakMemo<K, V> of(Function<? super K, ? extends V> derive, Executor maintenance) {
        return new WeakMemo<>(derive, Objects.requireNonNull(maintenance, "maintenance"));
    }

    /** The value for {@code key}, derived on first use. */
    public V get(K key) {
        Objects.requireNonNull(key, "key");
        V found = policy.getIfPresentQuietly(key);
        return found != null ? found : cache.get(key, this::derived);
    }

    private V derived(K key) {
        return Objects.requireNonNull(derive.apply(key), "derive returned null");
    }
}
