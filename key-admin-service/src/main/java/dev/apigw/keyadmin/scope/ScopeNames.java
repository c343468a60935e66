package dev.apigw.keyadmin.scope;

import dev.apigw.keyadmin.problem.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The syntax of a scope name: one to four lower-case segments separated by colons, each of letters and
 * digits, optionally joined by single dots, dashes or underscores, 64 characters at most ({@code orders:read},
 * {@code billing:invoices:write}). Names are compared exactly, so that {@code Orders:Read} and
 * {@code orders:read } are not "the same scope, nearly": they are refused here rather than normalised,
 * and a client learns at once that it sent a name nobody holds. Such names also fit, unquoted, a
 * space-separated {@code scope} claim and header (RFC 6749 §3.3).
 */
public final class ScopeNames {

    /** The most scopes a user may hold, or a request may name. */
    public static final int MAX_SCOPES = 64;

    public static final String SYNTAX = "[a-z0-9]+([._-][a-z0-9]+)*(:[a-z0-9]+([._-][a-z0-9]+)*){0,3}";

    private static final Pattern NAME = Pattern.compile(SYNTAX);
    private static final int MAX_LENGTH = 64;

    private ScopeNames() {}

    public static boolean isValid(String name) {
        return name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /**
     * The names as a sorted set without duplicates; 400 naming {@code field} and the first bad name when
     * one does not follow the syntax, or when there are too many.
     *
     * @throws ApiException invalid-request
     */
    public static List<String> checked(String field, @Nullable Collection<@Nullable String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > MAX_SCOPES) {
            throw ApiException.invalid(field + ": at most " + MAX_SCOPES + " scopes.");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : names) {
            if (name == null || !isValid(name)) {
                throw ApiException.invalid(field + ": '" + printable(name) + "' is not a scope name (lower-case"
                        + " segments such as orders:read, matching " + SYNTAX + ", at most " + MAX_LENGTH
                        + " characters).");
            }
            sorted.add(name);
        }
        return List.copyOf(sorted);
    }

    /** The name as it may appear in a problem detail: no control characters, bounded. */
    private static String printable(@Nullable String name) {
        if (name == null) {
            return "null";
        }
        String safe = name.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() > MAX_LENGTH ? safe.substring(0, MAX_LENGTH) + "..." : safe;
    }
}
