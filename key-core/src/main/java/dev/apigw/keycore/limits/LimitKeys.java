package dev.apigw.keycore.limits;

import dev.apigw.keycore.KeyHasher;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names of the Redis keys that hold one caller's rate-limit counters: {@code <prefix>rl:{<tag>}:<policy>}.
 * The tag is a hash of the caller, never the caller's id itself (no user-controlled text reaches a
 * Redis key), and it is a Redis Cluster hash tag, so every counter of one caller lives in one slot and
 * one script may touch them all. Immutable and thread-safe.
 */
public final class LimitKeys {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:._-]{0,64}");
    private static final Pattern POLICY = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int TAG_HEX_LENGTH = 32;

    private final String prefix;

    /**
     * @param prefix prepended to every key (a test run's own, or a deployment's), at most 64 of
     *     {@code [A-Za-z0-9:._-]}; may be empty
     * @throws IllegalArgumentException if the prefix has other characters (braces would break the tag)
     */
    public LimitKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be at most 64 of [A-Za-z0-9:._-]: " + prefix);
        }
        this.prefix = prefix;
    }

    /** The caller tag of an API key: every request made with it counts against it. */
    public static String keyCaller(UUID keyId) {
        return tag("key:" + keyId);
    }

    /** The caller tag of a user who authenticates by token. */
    public static String userCaller(String userId) {
        return tag("user:" + Objects.requireNonNull(userId, "userId"));
    }

    /**
     * The key of {@code policy}'s counter for {@code caller}.
     *
     * @param caller a tag from {@link #keyCaller} or {@link #userCaller}
     * @param policy a policy name, 1 to 32 of {@code [a-z0-9-]}
     * @throws IllegalArgumentException if either is malformed
     */
    public String counter(String caller, String policy) {
        if (caller.length() != TAG_HEX_LENGTH || !caller.chars().allMatch(LimitKeys::isHex)) {
            throw new IllegalArgumentException("caller must be a tag made by LimitKeys");
        }
        if (!POLICY.matcher(policy).matches()) {
            throw new IllegalArgumentException("policy must be 1 to 32 of [a-z0-9-]: " + policy);
        }
        return prefix + "rl:{" + caller + "}:" + policy;
    }

    private static String tag(String caller) {
        return KeyHasher.hash(caller).substring(0, TAG_HEX_LENGTH);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
