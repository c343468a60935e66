package dev.apigw.keyadmin.apikey;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which keys an admin listing shows; a null field does not filter. */
public record KeyFilter(@Nullable UUID userId, @Nullable Boolean revoked) {}
