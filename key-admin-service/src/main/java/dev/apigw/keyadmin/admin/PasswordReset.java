package dev.apigw.keyadmin.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** @param password the user's new password: 12-72 characters, as at creation */
record PasswordReset(@NotNull @Size(min = 12, max = 72) String password) {

    @Override
    public String toString() {
        return "PasswordReset[password=<redacted>]";
    }
}
