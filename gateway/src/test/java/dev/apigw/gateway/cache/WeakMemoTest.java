package dev.apigw.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WeakMemoTest {

    private final AtomicInteger derived = new AtomicInteger();
    /** Tasks Caffeine handed off, each run at once (as a pool would, later), so its bookkeeping goes on. */
    private final AtomicInteger handedOff = new AtomicInteger();

    private final Executor countingExecutor = task -> {
        handedOff.incrementAndGet();
        task.run();
    };

    private WeakMemo<Object, String> memo() {
        return WeakMemo.of(key -> "value " + derived.incrementAndGet(), countingExecutor);
    }

    @Test
    void derivesOncePerKeyObject() {
        WeakMemo<Object, String> memo = memo();
        Object key = new Object();

        assertThat(memo.get(key)).isEqualTo("value 1");
        assertThat(memo.get(key)).isEqualTo("value 1");
        assertThat(derived).hasValue(1);
    }

    @Test
    void anEqualButDistinctKeyIsDerivedAnew() {
        WeakMemo<Object, String> memo =
                WeakMemo.of(key -> "for " + System.identityHashCode(key) + " " + derived.incrementAndGet());
        String first = new String("route");
        String second = new String("route");

        memo.get(first);
        memo.get(second);

        assertThat(derived).hasValue(2);
    }

    @Test
    void readsOfAPresentValueHandNothingToAnotherThread() {
        WeakMemo<Object, String> memo = memo();
        Object key = new Object();
        memo.get(key);
        handedOff.set(0); // the write's own maintenance

        for (int i = 0; i < 10_000; i++) {
            memo.get(key);
        }

        assertThat(handedOff).hasValue(0); // plain reads of such a cache: one hand-off every ~17 reads
        assertThat(derived).hasValue(1);
    }

    @Test
    void refusesANullValueAndANullKey() {
        WeakMemo<Object, String> memo = WeakMemo.of(key -> null);

        assertThatThrownBy(() -> memo.get(new Object()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("derive returned null");
        assertThatThrownBy(() -> memo().get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WeakMemo.of(null)).isInstanceOf(NullPointerException.class);
    }
}
