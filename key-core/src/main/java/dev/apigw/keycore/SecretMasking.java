package dev.apigw.keycore;

import java.util.regex.Pattern;

/**
 * Masks anything that looks like an API key, a JWT or a bearer credential in free text, for log
 * output: a last line of defence, so that a framework logging headers or URLs at DEBUG cannot leak a
 * secret. Keeps a key's display prefix, which is not secret. Thread-safe.
 */
public final class SecretMasking {

    /**
     * A key of any {@link KeyFormat}: type, underscore, the display characters (kept), then at least the
     * rest of a minimal secret and its checksum. No word boundaries: a key glued to other characters
     * ({@code x<key>y}) is masked too, and a longer secret is masked to its end. The type is optional
     * because the end of one key glued to the next swallows the next key's type.
     */
    private static final Pattern KEY = Pattern.compile("((?:[a-z][a-z0-9]{0,15})?_[0-9A-Za-z]{"
            + KeyFormat.DISPLAY_SECRET_CHARS + "})[0-9A-Za-z]{"
            + (KeyFormat.MIN_SECRET_LENGTH - KeyFormat.DISPLAY_SECRET_CHARS + Checksum.LENGTH) + ",}");

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.?[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\",\\]]+");

    private SecretMasking() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = KEY.matcher(text).replaceAll("$1…[masked]");
        masked = JWT.matcher(masked).replaceAll("[masked-jwt]");
        return BEARER.matcher(masked).replaceAll("$1[masked]");
    }
}
