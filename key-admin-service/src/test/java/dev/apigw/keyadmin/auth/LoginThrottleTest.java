package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.apigw.keyadmin.auth.LoginThrottle.Key;
import dev.apigw.keyadmin.auth.LoginThrottle.Kind;
import dev.apigw.keyadmin.auth.LoginThrottle.Limit;
import dev.apigw.testsupport.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Issue #22 §3: the arithmetic of the login throttle, with a clock that the test moves. */
class LoginThrottleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Limit USER = new Limit(5, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(15));

    private final MutableClock clock = new MutableClock(NOW);
    private final LoginCounters counters = mock(LoginCounters.class);
    private final LoginThrottle throttle = new LoginThrottle(
            counters,
            clock,
            USER,
            new Limit(50, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)),
            null);

    @Test
    void failuresBeforeTheFifthAreNotBlockedAndTheFifthBlocksForOneSecond() {
        assertThat(USER.blockAfter(1)).isZero();
        assertThat(USER.blockAfter(4)).isZero();
        assertThat(USER.blockAfter(5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachFurtherFailureDoublesTheBlockUpToFifteenMinutes() {
        assertThat(USER.blockAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(USER.blockAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(USER.blockAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(USER.blockAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(USER.blockAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theBlocksHandedToTheDatabaseEndWithTheCap() {
        assertThat(USER.blocks())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofSeconds(64),
                        Duration.ofSeconds(128),
                        Duration.ofSeconds(256),
                        Duration.ofSeconds(512),
                        Duration.ofMinutes(15));
        assertThat(new Limit(50, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10)).blocks())
                .containsExactly(Duration.ofMinutes(10));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(LoginThrottle.retryAfter(NOW.plusMillis(1), NOW)).hasSeconds(1);
        assertThat(LoginThrottle.retryAfter(NOW.plusMillis(1001), NOW)).hasSeconds(2);
        assertThat(LoginThrottle.retryAfter(NOW.plusSeconds(60), NOW)).hasSeconds(60);
    }

    @Test
    void anAttemptIsRefusedUntilTheBlockEndsByTheInjectedClock() {
        List<Key> keys = throttle.keys("alice", null);
        Instant until = NOW.plusSeconds(4);
        when(counters.blockedUntil(eq(keys), any()))
                .thenAnswer(call -> until.isAfter(call.getArgument(1)) ? Mono.just(until) : Mono.empty());

        StepVerifier.create(throttle.refusal(keys))
                .expectNext(Duration.ofSeconds(4))
                .verifyComplete();
        clock.advance(Duration.ofMillis(3500));
        StepVerifier.create(throttle.refusal(keys))
                .expectNext(Duration.ofSeconds(1))
                .verifyComplete();
        clock.advance(Duration.ofMillis(500));
        StepVerifier.create(throttle.refusal(keys)).verifyComplete();
    }

    @Test
    void spellingsOfOneNameShareACounterAndTheHashIsNotTheName() {
        Key plain = throttle.keys("alice", null).get(0);
        assertThat(throttle.keys(" ALICE ", null).get(0)).isEqualTo(plain);
        assertThat(throttle.keys("ａｌｉｃｅ", null).get(0)).isEqualTo(plain); // full-width, NFKC
        assertThat(throttle.keys("alicf", null).get(0)).isNotEqualTo(plain);
        assertThat(plain.hash()).hasSize(32);
        assertThat(plain.loggable()).startsWith("user #").hasSize("user #".length() + 8);
    }

    @Test
    void anAddressIsCountedApartFromTheName() throws Exception {
        List<Key> keys = throttle.keys("alice", InetAddress.getByName("192.0.2.1"));
        assertThat(keys).extracting(Key::kind).containsExactly(Kind.USER, Kind.ADDRESS);
        assertThat(throttle.keys("bob", InetAddress.getByName("192.0.2.1")).get(1))
                .isEqualTo(keys.get(1));
    }

    @Test
    void aLimitRefusesNonsense() {
        assertThatThrownBy(() -> new Limit(0, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new Limit(5, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new Limit(5, Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageContaining("maxBlock");
    }

    /** Review: with a secret, a counter's identity is an HMAC, which hashing guessed names cannot match. */
    @Test
    void withACounterSecretIdentitiesAreKeyedAndStillTheSameForOneName() throws Exception {
        LoginThrottle keyed =
                new LoginThrottle(counters, clock, USER, USER, "a counter secret of at least 32 characters");
        LoginThrottle otherKey =
                new LoginThrottle(counters, clock, USER, USER, "another secret, also of 32 characters");

        Key plain = throttle.keys("alice", null).get(0);
        Key first = keyed.keys("alice", null).get(0);

        assertThat(first).as("not the plain SHA-256 a dictionary reverses").isNotEqualTo(plain);
        assertThat(keyed.keys(" ALICE ", null).get(0))
                .as("one name, one counter")
                .isEqualTo(first);
        assertThat(otherKey.keys("alice", null).get(0)).isNotEqualTo(first);
        assertThat(keyed.keys("alice", InetAddress.getByName("192.0.2.1")).get(1))
                .isNotEqualTo(throttle.keys("alice", InetAddress.getByName("192.0.2.1"))
                        .get(1));
    }
}
