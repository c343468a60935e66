package dev.apigw.keyadmin.user;

import org.jspecify.annotations.Nullable;

/**
 * Which users to list; every part is optional. Deleted users are never listed.
 *
 * @param name    a part of the user name, in any letter case
 * @param role    only users of this role
 * @param enabled only enabled (true) or only disabled (false) users
 */
public record UserFilter(
        @Nullable String name,
        @Nullable Role role,
        @Nullable Boolean enabled) {}
