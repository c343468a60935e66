package dev.apigw.gateway.auth;

import dev.apigw.gateway.scope.Scopes;
import dev.apigw.keycore.limits.Limits;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the gateway decided about a request's credentials: data, mapped to HTTP in one place. */
public sealed interface AuthOutcome {

    /**
     * The caller is {@code userId}; {@code keyId} is set when an API key was used; {@code scopes} are what
     * the caller may call (a key's that its owner still holds, a token's claim), worked out before this
     * outcome is made, never per request; {@code limits} are the key's own ({@link Limits#NONE} for
     * tokens and keys without).
     */
    record Authenticated(
            String userId, AuthMethod method, @Nullable UUID keyId, Scopes scopes, Limits limits)
            implements AuthOutcome {

        /** A caller without scopes or limits of its own. */
        public Authenticated(String userId, AuthMethod method, @Nullable UUID keyId) {
            this(userId, method, keyId, Scopes.NONE, Limits.NONE);
        }

        /** A caller without limits of its own. */
        public Authenticated(String userId, AuthMethod method, @Nullable UUID keyId, Scopes scopes) {
            this(userId, method, keyId, scopes, Limits.NONE);
        }
    }

    /** The caller is not let through; {@code method} is the credential that failed, if any. */
    record Rejected(FailureReason reason, @Nullable AuthMethod method) implements AuthOutcome {}

    static Rejected rejected(FailureReason reason, @Nullable AuthMethod method) {
        return new Rejected(reason, method);
    }
}
