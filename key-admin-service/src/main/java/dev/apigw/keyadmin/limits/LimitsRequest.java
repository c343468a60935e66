package dev.apigw.keyadmin.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apigw.keycore.limits.Limits;
import dev.apigw.keycore.limits.QuotaPeriod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A key's limits as an admin sets them: both parts replace what the key had; a part left out (null) is
 * removed, so the route's or the gateway's default applies to it again.
 */
public record LimitsRequest(
        @Valid @Nullable RateBody rate, @Valid @Nullable QuotaBody quota) {

    /** {@code limit} requests per {@code window_seconds}, {@code burst} at once (default: the limit). */
    public record RateBody(
            @NotNull @Min(1) @Max(1_000_000_000L) Long limit,

            @JsonProperty("window_seconds") @NotNull @Min(1) @Max(86_400)
            Integer windowSeconds,

            @Min(1) @Max(1_000_000_000L) @Nullable Long burst) {}

    /** {@code limit} requests per UTC {@code period}: {@code daily} or {@code monthly}. */
    public record QuotaBody(
            @NotNull @Min(1) @Max(1_000_000_000_000L) Long limit,
            @NotNull @Pattern(regexp = "daily|monthly") String period) {}

    Limits toLimits() {
        RateBody r = rate;
        QuotaBody q = quota;
        return new Limits(
                r == null
                        ? null
                        : new Limits.Rate(
                                r.limit(),
                                Duration.ofSeconds(r.windowSeconds()),
                                r.burst() == null ? r.limit() : r.burst()),
                q == null ? null : new Limits.Quota(q.limit(), QuotaPeriod.named(q.period())));
    }
}
