package dev.apigw.gateway.path;

import org.jspecify.annotations.Nullable;

/**
 * Which raw request paths are canonical: those that every server reads the same way, so that the path
 * the gateway routes and authenticates is the path the backend serves. Like Envoy's
 * {@code normalize_path}, {@code merge_slashes} and {@code path_with_escaped_slashes_action}, but
 * refusing instead of rewriting: a path that would need rewriting is not one a correct client sends.
 *
 * <p>A canonical path starts with {@code /}, holds only RFC 3986 path characters other than {@code ;}
 * (letters, digits, {@code -._~!$&'()*+,=:@/}) and well-formed percent escapes, none of which decodes to
 * a control character, {@code /}, {@code \} or {@code ;}; and no segment is empty (except the last, for a
 * trailing slash) or, decoded, {@code .} or {@code ..}. Non-ASCII characters arrive percent-encoded (the
 * server encodes raw ones, {@code dev.apigw.gateway.server.RequestTargetEncoder}); a raw one here is
 * refused.
 */
public final class PathRule {

    /** Why a path is not canonical. */
    public enum Violation {
        /** Empty, or not starting with {@code /}. */
        NOT_ABSOLUTE,
        /** A character outside the allowed set: raw control characters, {@code \}, space, non-ASCII, … */
        DISALLOWED_CHARACTER,
        /** {@code %} not followed by two hex digits. */
        MALFORMED_ESCAPE,
        /** {@code %2F} or {@code %5C} (either case): a separator some servers decode. */
        ENCODED_SEPARATOR,
        /** {@code ;} raw or as {@code %3B}: a path parameter some servers strip ({@code ..;/}). */
        PATH_PARAMETER,
        /** {@code %00}–{@code %1F} or {@code %7F}. */
        CONTROL_CHARACTER,
        /** {@code //}: servers that merge slashes see another path. */
        EMPTY_SEGMENT,
        /** A segment that is {@code .} or {@code ..}, raw or with its dots percent-encoded. */
        DOT_SEGMENT
    }

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
            ALLOWED[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c : "-._~!$&'()*+,=:@/".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private PathRule() {}

    /** The first reason {@code rawPath} (as sent, still percent-encoded) is not canonical, or null if it is. */
    public static @Nullable Violation check(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Violation.NOT_ABSOLUTE;
        }
        Violation characters = checkCharacters(rawPath);
        return characters != null ? characters : checkSegments(rawPath);
    }

    private static @Nullable Violation checkCharacters(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';') {
                return Violation.PATH_PARAMETER;
            }
            if (c == '%') {
                int decoded = decodeEscape(path, i);
                if (decoded < 0) {
                    return Violation.MALFORMED_ESCAPE;
                }
                if (decoded == '/' || decoded == '\\') {
                    return Violation.ENCODED_SEPARATOR;
                }
                if (decoded == ';') {
                    return Violation.PATH_PARAMETER;
                }
                if (decoded < 0x20 || decoded == 0x7f) {
                    return Violation.CONTROL_CHARACTER;
                }
                i += 2;
            } else if (c >= ALLOWED.length || !ALLOWED[c]) {
                return Violation.DISALLOWED_CHARACTER;
            }
        }
        return null;
    }

    /** Splits on raw {@code /} only: encoded ones were refused already. */
    private static @Nullable Violation checkSegments(String path) {
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end == start && end < path.length()) {
                return Violation.EMPTY_SEGMENT;
            }
            if (isDotSegment(path, start, end)) {
                return Violation.DOT_SEGMENT;
            }
            start = end + 1;
        }
        return null;
    }

    /** Whether {@code path[start, end)} is {@code .} or {@code ..}, each dot raw or as {@code %2E}. */
    private static boolean isDotSegment(String path, int start, int end) {
        int dots = 0;
        for (int i = start; i < end; ) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (path.charAt(i) == '%' && decodeEscape(path, i) == '.') {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return dots == 1 || dots == 2;
    }

    /** The byte the escape at {@code path[percent]} stands for, or -1 if it is not {@code %} and two hex digits. */
    private static int decodeEscape(String path, int percent) {
        if (percent + 2 >= path.length()) {
            return -1;
        }
        int high = hex(path.charAt(percent + 1));
        int low = hex(path.charAt(percent + 2));
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** ASCII hex digits only ({@link Character#digit} also takes other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
