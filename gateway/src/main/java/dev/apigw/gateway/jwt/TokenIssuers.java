package dev.apigw.gateway.jwt;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the verifier for a token by the {@code iss} it claims, read from its payload without any
 * check: the claim only picks whose keys and rules verify the token, and that verifier requires the
 * same {@code iss} again, under the signature. A token naming no configured issuer is refused here,
 * before any key is looked up or fetched. With one issuer configured without an {@code iss}, every
 * token goes to it, as before several issuers could be configured. Immutable and thread-safe.
 */
final class TokenIssuers {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final Map<String, IssuerVerifier> byIssuer = new HashMap<>();
    private final @Nullable IssuerVerifier any;

    TokenIssuers(List<IssuerVerifier> verifiers) {
        IssuerVerifier only = verifiers.size() == 1 && verifiers.get(0).issuer().isBlank() ? verifiers.get(0) : null;
        this.any = only;
        for (IssuerVerifier verifier : verifiers) {
            if (byIssuer.put(verifier.issuer(), verifier) != null) {
                throw new IllegalArgumentException("issuer configured twice: " + verifier.issuer());
            }
        }
    }

    /** The verifier for {@code token}'s claimed issuer; null when it names none configured (or cannot be read). */
    @Nullable
    IssuerVerifier of(String token) {
        if (any != null) {
            return any;
        }
        String issuer = claimedIssuer(token);
        return issuer == null ? null : byIssuer.get(issuer);
    }

    /** The unverified {@code iss} of a compact JWS; null when there is none, or no such token. */
    static @Nullable String claimedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode iss = JSON.readTree(payload).path("iss");
            return iss.isString() ? iss.asString() : null;
        } catch (IllegalArgumentException | JacksonException notJson) {
            return null;
        }
    }
}
