package dev.apigw.keycore.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LimitKeysTest {

    private final LimitKeys keys = new LimitKeys("run1:");

    @Test
    void aCallersCountersShareOneHashTagAndNeverHoldTheCallersId() {
        UUID id = UUID.randomUUID();
        String caller = LimitKeys.keyCaller(id);
        String rate = keys.counter(caller, "rate");
        String daily = keys.counter(caller, "daily");
        assertThat(rate).startsWith("run1:rl:{" + caller + "}:").endsWith(":rate");
        assertThat(tagOf(rate)).isEqualTo(tagOf(daily));
        assertThat(rate).doesNotContain(id.toString());
        assertThat(keys.counter(LimitKeys.userCaller("alice}{x"), "rate"))
                .doesNotContain("alice")
                .matches("run1:rl:\\{[0-9a-f]{32}}:rate");
    }

    @Test
    void keyAndUserCallersNeverCollide() {
        UUID id = UUID.randomUUID();
        assertThat(LimitKeys.keyCaller(id)).isNotEqualTo(LimitKeys.userCaller(id.toString()));
    }

    @Test
    void malformedPartsAreRefused() {
        assertThatThrownBy(() -> new LimitKeys("a{b}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.counter("not-a-tag", "rate")).isInstanceOf(IllegalArgumentException.class);
        String caller = LimitKeys.userCaller("u");
        assertThatThrownBy(() -> keys.counter(caller, "Rate}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotaWindowsFollowTheUtcCalendar() {
        Instant lastSecondOfFebruary = Instant.parse("2028-02-29T23:59:59Z");
        assertThat(QuotaPeriod.DAILY.windowId(lastSecondOfFebruary))
                .isEqualTo(lastSecondOfFebruary.getEpochSecond() / 86_400);
        assertThat(QuotaPeriod.DAILY.windowEnd(lastSecondOfFebruary)).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTHLY.windowId(lastSecondOfFebruary)).isEqualTo(2028L * 12 + 1);
        assertThat(QuotaPeriod.MONTHLY.windowEnd(lastSecondOfFebruary))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTHLY.windowEnd(Instant.parse("2026-12-31T12:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(QuotaPeriod.MONTHLY.windowSeconds(lastSecondOfFebruary)).isEqualTo(29L * 86_400);
        assertThat(QuotaPeriod.DAILY.windowSeconds(lastSecondOfFebruary)).isEqualTo(86_400);
    }

    private static String tagOf(String key) {
        return key.substring(key.indexOf('{'), key.indexOf('}') + 1);
    }
}
