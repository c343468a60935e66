package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

    @Test
    void hashIsSha256HexOfTheWholeKey() {
        // echo -n abc | sha256sum
        assertThat(KeyHasher.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashIsStableAcrossCalls() {
        String key = KeyFormat.defaults().generate().value();

        assertThat(KeyHasher.hash(key)).isEqualTo(KeyHasher.hash(key)).hasSize(64);
    }

    @Test
    void differentKeysHashDifferently() {
        assertThat(KeyHasher.hash("gwk_a")).isNotEqualTo(KeyHasher.hash("gwk_b"));
    }

    @Test
    void concurrentCallersNeverShareADigestsState() throws Exception {
        // Each call works on its own digest; one shared between threads would mix their inputs.
        String expected = KeyHasher.hash("abc");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> callers = IntStream.range(0, 8)
                    .<Callable<Boolean>>mapToObj(i -> () -> IntStream.range(0, 20_000)
                            .allMatch(n -> KeyHasher.hash(n % 2 == 0 ? "abc" : "gwk_" + n)
                                    .equals(n % 2 == 0 ? expected : KeyHasher.hash("gwk_" + n))))
                    .toList();
            for (Future<Boolean> result : pool.invokeAll(callers)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
