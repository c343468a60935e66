package dev.apigw.keyadmin.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apigw.keycore.limits.Limits;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A key's own limits as the API shows them; a null part means the route's or gateway's default applies. */
public record LimitsView(
        @JsonProperty("key_id") UUID keyId,
        @Nullable RateView rate,
        @Nullable QuotaView quota) {

    public record RateView(
            long limit, @JsonProperty("window_seconds") long windowSeconds, long burst) {}

    public record QuotaView(long limit, String period) {}

    static LimitsView of(UUID keyId, Limits limits) {
        Limits.Rate rate = limits.rate();
        Limits.Quota quota = limits.quota();
        return new LimitsView(
                keyId,
                rate == null ? null : new RateView(rate.limit(), rate.window().toSeconds(), rate.burst()),
                quota == null
                        ? null
                        : new QuotaView(quota.limit(), quota.period().policyName()));
    }
}
