package dev.apigw.keyadmin.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LoginRequest(
        @NotNull @Size(min = 1, max = 64) String username,
        @NotNull @Size(min = 1, max = 128) String password) {

    /** Neither field: frameworks log decoded bodies at DEBUG, and a user name can be a mistyped password. */
    @Override
    public String toString() {
        return "LoginRequest[username=<redacted>, password=<redacted>]";
    }
}
