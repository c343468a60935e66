package dev.apigw.keyadmin.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code users}. Never serialised as is: it holds the password hash.
 *
 * @param tokensNotBefore tokens issued (their {@code iat}) before this instant are refused, here and at
 *                        every gateway; null when no change has ever required it
 * @param deletedAt       when the user was deleted (the row is kept, disabled); null for a live user
 * @param scopes          the scopes an admin granted the user, sorted; the most any key or token of theirs carries
 */
public record User(
        UUID id,
        String username,
        String passwordHash,
        Role role,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant tokensNotBefore,
        @Nullable Instant deletedAt,
        List<String> scopes) {

    /** Whether the user may be authenticated: enabled and not deleted. */
    public boolean active() {
        return enabled && deletedAt == null;
    }

    /** Whether a token issued at {@code issuedAt} (whole seconds, as in a JWT) is still honoured. */
    public boolean accepts(@Nullable Instant issuedAt) {
        if (tokensNotBefore == null) {
            return true;
        }
        return issuedAt != null && !issuedAt.isBefore(tokensNotBefore);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + ", scopes="
                + scopes + (deletedAt != null ? ", deleted" : "") + "]";
    }
}
