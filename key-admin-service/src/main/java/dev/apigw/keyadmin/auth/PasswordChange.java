package dev.apigw.keyadmin.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A user's change of their own password.
 *
 * @param currentPassword the password now
 * @param newPassword     12-72 characters, as at creation
 */
record PasswordChange(
        @NotNull @Size(min = 1, max = 128) String currentPassword,
        @NotNull @Size(min = 12, max = 72) String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[currentPassword=<redacted>, newPassword=<redacted>]";
    }
}
