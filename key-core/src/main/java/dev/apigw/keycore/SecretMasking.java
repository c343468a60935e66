package dev.apigw.keycore;

import java.util.regex.Pattern;

/**
 * Masks anything that looks like an API key, a JWT or a bearer credential in free text, for log
 * output: a last line of defence, so that a framework logging headers or URLs at DEBUG cannot leak a
 * secret. Keeps a key's display prefix, which is not secret. Thread-safe.
 */
public final class SecretMasking {

    /** type prefix, underscore, 38 base62 characters: keep the display prefix (type + 6). */
    private static final Pattern KEY = Pattern.compile("\\b([a-z][a-z0-9]{0,15}_[0-9A-Za-z]{6})[0-9A-Za-z]{32}\\b");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.?[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\",\\]]+");

    private SecretMasking() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = KEY.matcher(text).replaceAll("$1…[masked]");
        masked = JWT.matcher(masked).replaceAll("[masked-jwt]");
        return BEARER.matcher(masked).replaceAll("$1[masked]");
    }
}
