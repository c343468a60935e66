package dev.apigw.gateway.scope;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * A route's scope requirements, from its metadata key {@value #METADATA}: either one requirement for
 * every method, or one per method.
 *
 * <pre>
 * metadata:
 *   scopes: orders:read                    # every method
 * metadata:
 *   scopes:
 *     GET: orders:read | orders:admin      # any of
 *     POST: orders:write &amp; billing:write  # all of
 *     DELETE: orders:admin
 *     default: orders:admin                # any method not listed
 * </pre>
 *
 * HEAD without an entry of its own follows GET. A method neither listed nor covered by {@code default}
 * is refused to everyone (403): a per-method list names what may be done, and a method nobody thought
 * of is not among it. No {@value #METADATA} key: authentication only. Immutable and thread-safe.
 */
public final class RouteScopes {

    /** The route metadata key. */
    public static final String METADATA = "scopes";

    /** The entry for methods not listed. */
    public static final String DEFAULT = "default";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    /** Authentication only. */
    static final RouteScopes NONE = new RouteScopes(Map.of(), null);

    /** Nobody, whatever the method: a route whose metadata could not be read. */
    static final RouteScopes NO_ONE = new RouteScopes(Map.of(), ScopeRequirement.NO_ONE);

    private final Map<HttpMethod, ScopeRequirement> byMethod;
    private final @Nullable ScopeRequirement otherwise;

    private RouteScopes(Map<HttpMethod, ScopeRequirement> byMethod, @Nullable ScopeRequirement otherwise) {
        this.byMethod = Map.copyOf(byMethod);
        this.otherwise = otherwise;
    }

    /**
     * The requirements a route's metadata states.
     *
     * @throws IllegalArgumentException when {@value #METADATA} is neither a requirement nor a map of
     *     methods (or {@code default}) to requirements
     */
    public static RouteScopes of(Map<String, Object> metadata) {
        Object value = metadata.get(METADATA);
        if (value == null) {
            return NONE;
        }
        if (value instanceof String text) {
            return new RouteScopes(Map.of(), ScopeRequirement.parse(text));
        }
        if (!(value instanceof Map<?, ?> entries) || entries.isEmpty()) {
            throw new IllegalArgumentException(METADATA + " must be a requirement such as 'orders:read', or a map"
                    + " of HTTP methods (and 'default') to requirements, not " + value);
        }
        Map<HttpMethod, ScopeRequirement> byMethod = new HashMap<>();
        ScopeRequirement otherwise = null;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey()).trim();
            if (!(entry.getValue() instanceof String text)) {
                throw new IllegalArgumentException(METADATA + "." + key + " must be a requirement such as"
                        + " 'orders:read | orders:admin', not " + entry.getValue());
            }
            ScopeRequirement requirement = ScopeRequirement.parse(text);
            if (key.equalsIgnoreCase(DEFAULT)) {
                otherwise = requirement;
            } else if (METHODS.contains(key.toUpperCase(Locale.ROOT))) {
                if (byMethod.put(HttpMethod.valueOf(key.toUpperCase(Locale.ROOT)), requirement) != null) {
                    throw new IllegalArgumentException(METADATA + " lists " + key + " twice");
                }
            } else {
                throw new IllegalArgumentException(
                        METADATA + "." + key + ": not an HTTP method (" + METHODS + ") nor '" + DEFAULT + "'");
            }
        }
        return new RouteScopes(byMethod, otherwise == null ? ScopeRequirement.NO_ONE : otherwise);
    }

    /** What a request of {@code method} needs; null when authentication is enough. */
    public @Nullable ScopeRequirement requirement(HttpMethod method) {
        ScopeRequirement own = byMethod.get(method);
        if (own != null) {
            return own;
        }
        if (HttpMethod.HEAD.equals(method)) {
            ScopeRequirement get = byMethod.get(HttpMethod.GET);
            if (get != null) {
                return get;
            }
        }
        return otherwise;
    }
}
