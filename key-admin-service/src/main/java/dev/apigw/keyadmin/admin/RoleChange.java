package dev.apigw.keyadmin.admin;

import dev.apigw.keyadmin.user.Role;
import jakarta.validation.constraints.NotNull;

/** @param role the user's new role, USER or ADMIN */
record RoleChange(@NotNull Role role) {}
