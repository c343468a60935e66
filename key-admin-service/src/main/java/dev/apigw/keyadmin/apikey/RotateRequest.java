package dev.apigw.keyadmin.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * How to rotate a key.
 *
 * @param gracePeriodSeconds how long the old key keeps working (0 stops it at once); default 24 h,
 *                           bounded by configuration (30 days by default)
 * @param description        the new key's description (no control characters); the old key's when absent
 * @param expiresInDays      the new key's lifetime; none means no expiry
 */
public record RotateRequest(
        @Nullable @Min(0) Long gracePeriodSeconds,
        @Nullable @Size(max = 200) String description,
        @Nullable @Min(1) @Max(36500) Integer expiresInDays) {

    static RotateRequest defaults() {
        return new RotateRequest(null, null, null);
    }
}
