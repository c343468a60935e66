package dev.apigw.gateway.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a route asks of a caller's scopes for one method: one scope, any of several
 * ({@code "orders:read | orders:admin"}) or all of several ({@code "orders:write & billing:write"}).
 * Mixing {@code |} and {@code &} is refused: a requirement an operator must think about precedence to
 * read is one they can misread. Parsed once per route; {@link #satisfiedBy} is a few set lookups.
 * Immutable and thread-safe.
 */
public final class ScopeRequirement {

    /** Met by nobody: a method the route's scopes do not list, when they have no {@code default}. */
    static final ScopeRequirement NO_ONE = new ScopeRequirement(List.of(), false);

    private final String[] scopes;
    private final boolean all;
    private final String challenge;

    private ScopeRequirement(List<String> scopes, boolean all) {
        this.scopes = scopes.toArray(String[]::new);
        this.all = all;
        this.challenge = String.join(" ", scopes);
    }

    /**
     * The requirement {@code text} states.
     *
     * @throws IllegalArgumentException for an empty requirement, a name that is not a scope token, or
     *     {@code |} mixed with {@code &}
     */
    public static ScopeRequirement parse(String text) {
        boolean any = text.contains("|");
        boolean all = text.contains("&");
        if (any && all) {
            throw new IllegalArgumentException("'" + text + "' mixes '|' (any of) and '&' (all of); use one");
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split(all ? "&" : "\\|", -1)) {
            String name = part.trim();
            if (!Scopes.isScopeToken(name)) {
                throw new IllegalArgumentException(
                        "'" + text + "' names no scope, or something that is not one: '" + name + "'");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new ScopeRequirement(names, all);
    }

    /** Whether a caller holding {@code held} may go on. */
    public boolean satisfiedBy(Scopes held) {
        if (all) {
            for (String scope : scopes) {
                if (!held.contains(scope)) {
                    return false;
                }
            }
            return true;
        }
        for (String scope : scopes) {
            if (held.contains(scope)) {
                return true;
            }
        }
        return false;
    }

    /** The scopes named, space-separated: for the {@code scope} of a challenge (RFC 6750 §3). */
    public String scopes() {
        return challenge;
    }

    /** The scopes named, in the order written. */
    public List<String> names() {
        return List.of(scopes);
    }

    /** Whether every scope named is needed, rather than any one of them. */
    public boolean needsAll() {
        return all;
    }

    /** The requirement in words, for a problem's detail. */
    public String describe() {
        if (scopes.length == 0) {
            return "no scope allows this method on this route";
        }
        if (scopes.length == 1) {
            return "this needs the scope " + scopes[0];
        }
        return (all ? "this needs all of the scopes " : "this needs one of the scopes ") + challenge;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeRequirement requirement
                && all == requirement.all
                && challenge.equals(requirement.challenge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(challenge, all);
    }

    @Override
    public String toString() {
        return all ? String.join(" & ", scopes) : String.join(" | ", scopes);
    }
}
