package dev.apigw.keyadmin.admin;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * @param scopes every scope the user is to hold from now on (replacing the current set); each a scope
 *               name such as {@code orders:read}, at most 64
 */
record ScopeChange(
        @NotNull
        @ArraySchema(
                schema = @Schema(pattern = dev.apigw.keyadmin.scope.ScopeNames.SYNTAX, example = "orders:read"),
                maxItems = dev.apigw.keyadmin.scope.ScopeNames.MAX_SCOPES)
        List<@Nullable String> scopes) {}
