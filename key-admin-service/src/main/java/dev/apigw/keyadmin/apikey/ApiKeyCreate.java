package dev.apigw.keyadmin.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new key.
 *
 * @param description   what the key is for, at most 200 characters, no control characters
 * @param expiresInDays days until the key stops working (1 to the configured maximum); none means no expiry
 */
public record ApiKeyCreate(
        @Nullable @Size(max = 200) String description,
        @Nullable @Min(1) @Max(36500) Integer expiresInDays) {}
