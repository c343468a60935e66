package dev.apigw.keyadmin.admin;

import dev.apigw.keyadmin.user.Role;
import dev.apigw.keyadmin.user.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the admin API shows it: no password hash. */
record UserView(UUID id, String username, Role role, boolean enabled, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role(), user.enabled(), user.createdAt());
    }
}
