package dev.apigw.keyadmin.apikey;

import dev.apigw.keyadmin.scope.ScopeNames;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request for a new key.
 *
 * @param description   what the key is for, at most 200 characters, no control characters
 * @param expiresInDays days until the key stops working (1 to the configured maximum); none means no expiry
 * @param scopes        what the key may call: scopes its owner holds (403 scope-not-held otherwise, never
 *                      trimmed silently); none means no scopes (least privilege: routes that require
 *                      authentication only), never "all of the owner's scopes"
 */
public record ApiKeyCreate(
        @Nullable @Size(max = 200) String description,
        @Nullable @Min(1) @Max(36500) Integer expiresInDays,

        @Nullable
        @ArraySchema(
                schema = @Schema(pattern = ScopeNames.SYNTAX, example = "orders:read"),
                maxItems = ScopeNames.MAX_SCOPES)
        List<@Nullable String> scopes) {

    /** The request of an empty body: no description, no expiry, no scopes. */
    public ApiKeyCreate(@Nullable String description, @Nullable Integer expiresInDays) {
        this(description, expiresInDays, null);
    }
}
