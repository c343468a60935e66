package dev.apigw.keycore;

import java.util.random.RandomGenerator;

/** Base62 alphabet helpers: digits, upper case, lower case — URL-safe and double-click selectable. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Base62() {}

    static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** {@code length} characters drawn uniformly from the alphabet. */
    static String random(RandomGenerator random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** A non-negative value in exactly {@code width} characters, left-padded with '0'. */
    static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative: " + value);
        }
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (rest % 62));
            rest /= 62;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " base62 characters");
        }
        return new String(out);
    }
}
