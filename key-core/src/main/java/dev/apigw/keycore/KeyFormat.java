package dev.apigw.keycore;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shape of an API key: {@code <type>_<secret><checksum>}, where {@code type} is a short lower-case
 * prefix ({@code gwk} by default), {@code secret} is base62 from a {@link SecureRandom} and
 * {@code checksum} is the 6-character base62 CRC32 of everything before it.
 *
 * <p>Immutable and thread-safe. {@link #check(String)} never throws: any input, including null, gets
 * a {@link KeyCheck}.
 */
public final class KeyFormat {

    public static final String DEFAULT_TYPE = "gwk";
    /** 32 base62 characters carry 32 × log2(62) ≈ 190.5 bits. */
    public static final int DEFAULT_SECRET_LENGTH = 32;

    public static final int MIN_SECRET_LENGTH = 32;
    /** Characters of the secret shown in the display prefix: enough to tell keys apart, too few to matter. */
    public static final int DISPLAY_SECRET_CHARS = 6;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private final String type;
    private final int secretLength;
    private final RandomGenerator random;

    public KeyFormat(String type, int secretLength) {
        this(type, secretLength, new SecureRandom());
    }

    KeyFormat(String type, int secretLength, RandomGenerator random) {
        Objects.requireNonNull(type, "type");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "key type must be 1-16 lower-case letters or digits, starting with a letter: " + type);
        }
        if (secretLength < MIN_SECRET_LENGTH || secretLength > 128) {
            throw new IllegalArgumentException(
                    "secret length must be between " + MIN_SECRET_LENGTH + " and 128: " + secretLength);
        }
        this.type = type;
        this.secretLength = secretLength;
        this.random = Objects.requireNonNull(random, "random");
    }

    public static KeyFormat defaults() {
        return new KeyFormat(DEFAULT_TYPE, DEFAULT_SECRET_LENGTH);
    }

    public String type() {
        return type;
    }

    /** Length of every well-formed key of this format. */
    public int keyLength() {
        return type.length() + 1 + secretLength + Checksum.LENGTH;
    }

    public GeneratedKey generate() {
        String body = type + "_" + Base62.random(random, secretLength);
        String key = body + Checksum.of(body);
        return new GeneratedKey(key, KeyHasher.hash(key), displayPrefix(key));
    }

    /** The display prefix of a key of this format, e.g. {@code gwk_a1B2c3}. */
    public String displayPrefix(String key) {
        return key.substring(0, type.length() + 1 + DISPLAY_SECRET_CHARS);
    }

    public KeyCheck check(@Nullable String presented) {
        if (presented == null || presented.length() != keyLength()) {
            return KeyCheck.WRONG_LENGTH;
        }
        if (!presented.startsWith(type) || presented.charAt(type.length()) != '_') {
            return KeyCheck.WRONG_PREFIX;
        }
        for (int i = type.length() + 1; i < presented.length(); i++) {
            if (!Base62.isBase62(presented.charAt(i))) {
                return KeyCheck.BAD_CHARACTER;
            }
        }
        int bodyEnd = presented.length() - Checksum.LENGTH;
        String expected = Checksum.of(presented.substring(0, bodyEnd));
        return expected.equals(presented.substring(bodyEnd)) ? KeyCheck.WELL_FORMED : KeyCheck.BAD_CHECKSUM;
    }
}
