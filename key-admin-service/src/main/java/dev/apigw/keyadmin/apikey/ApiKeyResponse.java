package dev.apigw.keyadmin.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A key just created. {@code keyValue} is in this response and nowhere else, ever: it is not stored.
 */
public record ApiKeyResponse(
        UUID id,
        String keyValue,
        String displayPrefix,
        @Nullable String description,
        Instant createdAt,
        @Nullable Instant expiresAt,
        List<String> scopes) {

    @Override
    public String toString() {
        return "ApiKeyResponse[id=" + id + ", displayPrefix=" + displayPrefix + ", keyValue=<redacted>]";
    }
}
