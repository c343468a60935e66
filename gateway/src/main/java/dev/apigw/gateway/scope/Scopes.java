package dev.apigw.gateway.scope;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A caller's scopes: an immutable set of scope names, compared exactly (case-sensitively, RFC 6749
 * §3.3), with its header value (the names sorted, space-separated) made once. Built when a key is
 * loaded or a token verified, never per request. Only names of RFC 6749 scope-token characters
 * (printable ASCII but space, {@code "} and {@code \}) are kept: anything else could not be sent on in a
 * header, and no route can require it. Thread-safe; equal by names.
 */
public final class Scopes {

    /** No scopes. */
    public static final Scopes NONE = new Scopes(new TreeSet<>());

    private final Set<String> names;
    private final String header;

    private Scopes(TreeSet<String> sorted) {
        this.names = Set.copyOf(sorted);
        this.header = String.join(" ", sorted);
    }

    /** The valid names among {@code names}; others are left out. */
    public static Scopes of(Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : names) {
            if (isScopeToken(name)) {
                sorted.add(name);
            }
        }
        return sorted.isEmpty() ? NONE : new Scopes(sorted);
    }

    public static Scopes of(String... names) {
        return of(Arrays.asList(names));
    }

    /** The names of a space-separated {@code scope} claim (RFC 6749 §3.3); runs of spaces separate too. */
    public static Scopes parse(String spaceSeparated) {
        return of(Arrays.asList(spaceSeparated.split(" ")));
    }

    /** Whether {@code name} is a non-empty run of scope-token characters. */
    public static boolean isScopeToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** The names in both. */
    public Scopes retainAll(Scopes other) {
        if (other.names.containsAll(names)) {
            return this;
        }
        TreeSet<String> both = new TreeSet<>(names);
        both.retainAll(other.names);
        return both.isEmpty() ? NONE : new Scopes(both);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public Set<String> names() {
        return names;
    }

    /** The names sorted, separated by single spaces; empty for none. */
    public String headerValue() {
        return header;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scopes scopes && names.equals(scopes.names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names);
    }

    @Override
    public String toString() {
        return "Scopes[" + header + "]";
    }
}
