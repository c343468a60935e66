package dev.apigw.gateway.jwt;

import dev.apigw.gateway.scope.Scopes;
import io.jsonwebtoken.Claims;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads a verified token's scopes from its claim, once, when the token is first verified. */
final class ScopeClaim {

    private ScopeClaim() {}

    /**
     * The scopes in claim {@code name}: a space-separated string, or a list of strings; anything else (a
     * number, an object, absent) gives none, as do the entries that are not strings.
     */
    static Scopes read(Claims claims, String name) {
        Object value = claims.get(name);
        if (value instanceof String text) {
            return Scopes.parse(text);
        }
        if (value instanceof Collection<?> entries) {
            List<String> names = new ArrayList<>(entries.size());
            for (Object entry : entries) {
                if (entry instanceof String scope) {
                    names.add(scope);
                }
            }
            return Scopes.of(names);
        }
        return Scopes.NONE;
    }
}
