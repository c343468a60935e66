package dev.apigw.keycore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the whole key string, as 64 lower-case hex characters: the only form in which a key is
 * stored or looked up. Thread-safe.
 */
public final class KeyHasher {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * Never updated, only cloned: a clone is a fresh digest, and much cheaper than looking the
     * algorithm up among the security providers on every call (this runs on every authenticated request).
     */
    private static final MessageDigest PROTOTYPE = newSha256();

    private KeyHasher() {}

    /** The lookup hash of {@code key}; never null. */
    public static String hash(String key) {
        return HEX.formatHex(sha256(key));
    }

    /** SHA-256 of {@code text} (UTF-8), raw bytes. */
    public static byte[] sha256(String text) {
        return freshDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest freshDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256(); // a provider whose digests cannot be cloned: look it up each time
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
