package dev.apigw.keyadmin.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user to create.
 *
 * @param username 3-64 letters, digits, dots, dashes or underscores
 * @param password 12-72 characters (BCrypt reads at most 72 bytes)
 * @param role     USER or ADMIN
 */
public record NewUser(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+")
        String username,

        @NotNull @Size(min = 12, max = 72) String password,
        @NotNull Role role) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", password=<redacted>]";
    }
}
