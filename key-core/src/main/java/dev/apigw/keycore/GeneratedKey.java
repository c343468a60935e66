package dev.apigw.keycore;

/**
 * A freshly generated key: the plaintext to show once, and what may be stored.
 *
 * @param value         the full key; show it to its owner once and never store or log it
 * @param hash          {@link KeyHasher#hash(String)} of {@code value}
 * @param displayPrefix a short, non-secret start of the key that identifies it to humans
 */
public record GeneratedKey(String value, String hash, String displayPrefix) {

    /** Redacts the key so that an accidental log line cannot leak it. */
    @Override
    public String toString() {
        return "GeneratedKey[displayPrefix=" + displayPrefix + ", value=<redacted>]";
    }
}
