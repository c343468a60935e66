package dev.apigw.keycore;

/** What an offline look at a presented key found. Only {@link #WELL_FORMED} is worth a lookup. */
public enum KeyCheck {
    WELL_FORMED,
    /** Null, empty, or not of the configured length. */
    WRONG_LENGTH,
    /** Does not start with the configured type prefix and its underscore. */
    WRONG_PREFIX,
    /** Contains a character outside base62 after the prefix. */
    BAD_CHARACTER,
    /** Well shaped, but the checksum does not match: a typo, a truncation or a made-up key. */
    BAD_CHECKSUM;

    public boolean isWellFormed() {
        return this == WELL_FORMED;
    }
}
