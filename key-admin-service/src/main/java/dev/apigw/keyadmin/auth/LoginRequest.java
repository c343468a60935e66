package dev.apigw.keyadmin.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LoginRequest(@NotNull @Size(min = 1, max = 64) String username,
                           @NotNull @Size(min = 1, max = 128) String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=<redacted>]";
    }
}
