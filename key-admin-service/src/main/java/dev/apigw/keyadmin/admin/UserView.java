package dev.apigw.keyadmin.admin;

import dev.apigw.keyadmin.user.Role;
import dev.apigw.keyadmin.user.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user as the admin API shows it: never the password hash.
 *
 * @param scopes the scopes the user holds (and may give their keys), sorted
 * @param status {@code active} or {@code disabled}, as {@code enabled} says (deleted users are not shown)
 */
record UserView(
        UUID id, String username, Role role, boolean enabled, String status, Instant createdAt, List<String> scopes) {

    static UserView of(User user) {
        return new UserView(
                user.id(),
                user.username(),
                user.role(),
                user.enabled(),
                user.enabled() ? "active" : "disabled",
                user.createdAt(),
                user.scopes());
    }
}
