package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Slows down password guessing (issue #22), per user name and per client address, with counters in
 * PostgreSQL that every instance shares. Attempts are counted before the password is checked (a successful
 * login then clears its name's count). The {@code max-failures}-th attempt of a user name in a window
 * blocks it for {@code first-block}, and each attempt after that for twice as long as the last, up to
 * {@code max-block}; a client address may try more often, then is blocked for a fixed time. While blocked,
 * attempts are refused before any password is checked and are not counted, so nobody can block a name for
 * longer than {@code max-block} per attempt.
 * Whether a user of the name exists makes no difference to any of this.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginCounters counters;
    private final Clock clock;
    private final Limit userLimit;
    private final Limit addressLimit;
    /** The HMAC key of counter identities; null: plain SHA-256 (see {@link #digest}). */
    private final byte @Nullable [] counterSecret;

    @Autowired
    LoginThrottle(LoginCounters counters, KeyAdminProperties properties, Clock clock) {
        this(
                counters,
                clock,
                Limit.of(properties.login().user()),
                Limit.of(properties.login().address()),
                properties.login().counterSecret());
    }

    LoginThrottle(
            LoginCounters counters, Clock clock, Limit userLimit, Limit addressLimit, @Nullable String counterSecret) {
        this.counters = counters;
        this.clock = clock;
        this.userLimit = userLimit;
        this.addressLimit = addressLimit;
        this.counterSecret = counterSecret == null ? null : counterSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The counters a login attempt is judged by: its user name's and, when known, its address's. */
    List<Key> keys(String username, @Nullable InetAddress client) {
        List<Key> keys = new ArrayList<>(2);
        keys.add(new Key(Kind.USER, digest(normalise(username))));
        if (client != null) {
            keys.add(new Key(Kind.ADDRESS, digest(client.getHostAddress())));
        }
        return List.copyOf(keys);
    }

    /**
     * A counter's identity. With {@code key-admin.login.counter-secret} set, an HMAC-SHA256 under it, so
     * that the table's rows cannot be turned back into names or addresses by hashing guesses; without
     * it, a plain SHA-256, which a dictionary (or, for IPv4, all 2^32 addresses) reverses.
     */
    private byte[] digest(String value) {
        byte[] secret = counterSecret;
        if (secret == null) {
            return sha256(value);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** How long to wait before trying again; empty when the attempt may go on. */
    Mono<Duration> refusal(List<Key> keys) {
        Instant now = clock.instant();
        return counters.blockedUntil(keys, now).map(until -> retryAfter(until, now));
    }

    /**
     * Counts an attempt against each key before its password is checked: empty when it may go on, else how
     * long to wait. An attempt that finds a key blocked is refused and counts no further, so refused attempts
     * never lengthen a block. Counting first, in one atomic upsert per key, means parallel attempts cannot all
     * pass the check before any of them is counted. Logs each block it causes, once.
     */
    Mono<Duration> attempt(List<Key> keys, String requestId) {
        return refusal(keys).switchIfEmpty(Mono.defer(() -> count(keys, requestId)));
    }

    private Mono<Duration> count(List<Key> keys, String requestId) {
        Instant now = clock.instant();
        return Flux.fromIterable(keys)
                .concatMap(key -> counters.recordAttempt(key, limit(key), now)
                        .doOnNext(counted -> logBlock(key, counted, now, requestId))
                        .hasElement())
                .takeUntil(counted -> !counted)
                .all(counted -> counted)
                .flatMap(counted -> counted
                        ? Mono.<Duration>empty()
                        : counters.blockedUntil(keys, now)
                                .map(until -> retryAfter(until, now))
                                .defaultIfEmpty(Duration.ofSeconds(1)));
    }

    private void logBlock(Key key, LoginCounters.Counted counted, Instant now, String requestId) {
        Instant until = counted.blockedUntil();
        if (until != null
                && until.isAfter(now)
                && counted.failures() >= limit(key).maxFailures()) {
            log.info(
                    "Login throttled: {} refused for {}s after {} attempts (request {})",
                    key.loggable(),
                    retryAfter(until, now).toSeconds(),
                    counted.failures(),
                    requestId);
        }
    }

    /** A successful login clears its user name's count (not its address's: one good account must not
     * reset an address that is trying many). */
    Mono<Void> succeeded(List<Key> keys) {
        return Flux.fromIterable(keys)
                .filter(key -> key.kind() == Kind.USER)
                .concatMap(counters::clear)
                .then();
    }

    private Limit limit(Key key) {
        return key.kind() == Kind.USER ? userLimit : addressLimit;
    }

    /** Whole seconds until {@code until}, rounded up, at least one (the unit of {@code Retry-After}). */
    static Duration retryAfter(Instant until, Instant now) {
        Duration left = Duration.between(now, until);
        long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /** The form in which two spellings of one name count as one: NFKC, trimmed, lower case. */
    static String normalise(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    enum Kind {
        USER("user"),
        ADDRESS("address");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    /** A counter's identity: the SHA-256 of a normalised user name or of an address, never the value. */
    record Key(Kind kind, byte[] hash) {

        /** For the log: the kind and the first 8 hex digits of the hash. */
        String loggable() {
            return kind.column() + " #" + HexFormat.of().formatHex(hash, 0, 4);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key key && kind == key.kind && Arrays.equals(hash, key.hash);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "Key[" + loggable() + "]";
        }
    }

    /**
     * A limit: the {@code maxFailures}-th failure of a window blocks for {@code firstBlock}, each one after
     * it for twice as long as the one before, never longer than {@code maxBlock}.
     */
    record Limit(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock) {

        Limit {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
            }
            for (Duration d : List.of(window, firstBlock, maxBlock)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive: " + d);
                }
            }
            if (maxBlock.compareTo(firstBlock) < 0) {
                throw new IllegalArgumentException("maxBlock must not be shorter than firstBlock");
            }
        }

        static Limit of(KeyAdminProperties.UserLimit user) {
            return new Limit(user.maxFailures(), user.window(), user.firstBlock(), user.maxBlock());
        }

        static Limit of(KeyAdminProperties.AddressLimit address) {
            return new Limit(address.maxFailures(), address.window(), address.blockFor(), address.blockFor());
        }

        /** The block that the {@code failures}-th failure of a window earns; zero before {@code maxFailures}. */
        Duration blockAfter(long failures) {
            if (failures < maxFailures) {
                return Duration.ZERO;
            }
            Duration block = firstBlock;
            for (long i = failures - maxFailures; i > 0 && block.compareTo(maxBlock) < 0; i--) {
                block = block.multipliedBy(2);
            }
            return block.compareTo(maxBlock) < 0 ? block : maxBlock;
        }

        /**
         * The blocks of the failures from the {@code maxFailures}-th on, in order, up to the first that is
         * {@code maxBlock}: every later failure earns the last.
         */
        List<Duration> blocks() {
            List<Duration> blocks = new ArrayList<>();
            for (long n = maxFailures; ; n++) {
                Duration block = blockAfter(n);
                blocks.add(block);
                if (block.compareTo(maxBlock) >= 0) {
                    return List.copyOf(blocks);
                }
            }
        }
    }
}
