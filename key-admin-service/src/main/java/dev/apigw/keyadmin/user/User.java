package dev.apigw.keyadmin.user;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. Never serialised as is: it holds the password hash. */
public record User(UUID id, String username, String passwordHash, Role role, boolean enabled, Instant createdAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
