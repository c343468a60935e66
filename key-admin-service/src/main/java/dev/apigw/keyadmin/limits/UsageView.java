package dev.apigw.keyadmin.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A key's limits and what it has used: for each UTC calendar window (the current day and month), the
 * requests the gateways counted in it; for the key's own quota, what remains. {@code usage} is null
 * when the counters cannot be read (no shared store, or it did not answer in time).
 */
public record UsageView(
        @JsonProperty("key_id") UUID keyId,
        LimitsView limits,
        @Nullable List<Window> usage,
        @Nullable Long remaining,
        @JsonProperty("usage_available") boolean usageAvailable) {

    /** Requests counted in the current {@code period} window, which ends at {@code resetsAt}. */
    public record Window(
            String period,
            long used,
            @JsonProperty("resets_at") Instant resetsAt) {}
}
