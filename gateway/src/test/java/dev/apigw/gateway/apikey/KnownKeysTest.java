package dev.apigw.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.FakeTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which keys are worth a lookup, on a fake ticker: no sleeps, no database. */
class KnownKeysTest {

    private static final String LISTED = "a".repeat(64);
    private final FakeTicker ticker = new FakeTicker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    private KnownKeys loaded(int unlistedPerSecond) {
        KnownKeys known = new KnownKeys(unlistedPerSecond, ticker, new ApiKeyMetrics(meters));
        known.add(LISTED);
        known.loaded();
        return known;
    }

    private long admitted(KnownKeys known, int from, int count) {
        return IntStream.range(from, from + count)
                .filter(i -> known.admits(hash(i)))
                .count();
    }

    private double refused() {
        return meters.counter("gateway.auth.apikey.unlisted.refused").count();
    }

    @Test
    void beforeTheStoredKeysAreLoadedEveryKeyIsLookedUp() {
        KnownKeys known = new KnownKeys(0, ticker, new ApiKeyMetrics(meters));

        assertThat(admitted(known, 1, 1000)).isEqualTo(1000);
        assertThat(refused()).isZero();
    }

    @Test
    void listedKeysAreAlwaysLookedUp() {
        KnownKeys known = loaded(0);

        assertThat(IntStream.range(0, 1000).allMatch(i -> known.admits(LISTED))).isTrue();
    }

    @Test
    void unlistedKeysAreLookedUpWithinTheBudgetAndRefusedBeyondIt() {
        KnownKeys known = loaded(50);

        assertThat(admitted(known, 1, 200)).as("one second's burst").isEqualTo(50);
        assertThat(refused()).isEqualTo(150);

        ticker.advance(Duration.ofMillis(100));
        assertThat(admitted(known, 1000, 200)).as("earned in 100 ms").isEqualTo(5);

        ticker.advance(Duration.ofMinutes(5));
        assertThat(admitted(known, 2000, 200))
                .as("an idle budget saves one second's worth, no more")
                .isEqualTo(50);
    }

    @Test
    void aZeroBudgetRefusesEveryUnlistedKey() {
        KnownKeys known = loaded(0);

        assertThat(admitted(known, 1, 100)).isZero();
        assertThat(known.admits(LISTED)).isTrue();
    }

    @Test
    void aStaleSetAdmitsEveryKeyUntilItIsLoadedAgain() {
        KnownKeys known = loaded(0);

        known.stale();
        assertThat(known.admits(hash(1))).isTrue();

        known.loaded();
        assertThat(known.admits(hash(1))).isFalse();
    }

    @Test
    void payloadsThatAreNotKeyHashesAreIgnored() {
        KnownKeys known = loaded(0);

        known.add("");
        known.add("not a hash");
        known.add("z".repeat(64));
        known.add(LISTED.toUpperCase());

        assertThat(known.size()).isEqualTo(1);
    }

    @Test
    void theWholeHexAlphabetIsRead() {
        KnownKeys known = loaded(0);
        String hash = "0123456789abcdef" + "f".repeat(48);

        known.add(hash);

        assertThat(known.admits(hash)).isTrue();
        assertThat(known.admits("0123456789ABCDEF" + "0".repeat(48)))
                .as("case does not matter")
                .isTrue();
        assertThat(known.admits("0123456789abcdee" + "f".repeat(48))).isFalse();
        assertThat(known.admits("1123456789abcdef" + "f".repeat(48))).isFalse();
    }

    @Test
    void onlyTheFirst64BitsAreKept() {
        KnownKeys known = loaded(0);
        String samePrefix = LISTED.substring(0, 16) + "0".repeat(48);

        // A shared prefix only routes a key to the lookup, which then decides on the whole hash.
        assertThat(known.admits(samePrefix)).isTrue();
    }
}
