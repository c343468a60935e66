package dev.apigw.gateway.ratelimit;

import dev.apigw.gateway.cache.WeakMemo;
import dev.apigw.keycore.limits.Limits;
import dev.apigw.keycore.limits.QuotaPeriod;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.cloud.gateway.route.Route;

/**
 * A route's own limits, from its metadata {@code rate-limit}: {@code off} (no limits on this route), or
 * a map with {@code limit}, {@code window} (default 1s), {@code burst} (default the limit), {@code quota}
 * and {@code quota-period} ({@code daily} or {@code monthly}). Parsed once per route object. Metadata
 * that cannot be parsed is logged and ignored (the gateway's defaults then apply), so a typo never opens
 * a route wider than the defaults. Thread-safe.
 */
final class RouteLimits {

    /** The route metadata key. */
    static final String METADATA = "rate-limit";

    private static final Logger log = LoggerFactory.getLogger(RouteLimits.class);
    /** Marks a route whose limits are off; compared by identity. */
    static final Limits OFF = new Limits(null, null);

    private final WeakMemo<Route, Limits> parsed = WeakMemo.of(RouteLimits::parse);

    /** The route's limits: {@link #OFF}, {@link Limits#NONE} when it sets none, or its own. */
    Limits of(@Nullable Route route) {
        if (route == null || !route.getMetadata().containsKey(METADATA)) {
            return Limits.NONE;
        }
        return parsed.get(route);
    }

    private static Limits parse(Route route) {
        Object value = route.getMetadata().get(METADATA);
        if ("off".equals(value) || Boolean.FALSE.equals(value) || "false".equals(value)) {
            return OFF;
        }
        try {
            if (!(value instanceof Map<?, ?> settings)) {
                throw new IllegalArgumentException("expected 'off' or a map");
            }
            Long limit = number(settings.get("limit"));
            Long quota = number(settings.get("quota"));
            Limits.Rate rate = null;
            if (limit != null) {
                Object window = settings.get("window");
                Long burst = number(settings.get("burst"));
                rate = new Limits.Rate(
                        limit,
                        window == null ? Duration.ofSeconds(1) : DurationStyle.detectAndParse(String.valueOf(window)),
                        burst == null ? limit : burst);
            }
            Object period = settings.get("quota-period");
            return new Limits(
                    rate,
                    quota == null
                            ? null
                            : new Limits.Quota(
                                    quota,
                                    period == null ? QuotaPeriod.DAILY : QuotaPeriod.named(String.valueOf(period))));
        } catch (RuntimeException e) {
            log.error(
                    "Route {}: ignoring metadata {} that cannot be read ({})", route.getId(), METADATA, e.getMessage());
            return Limits.NONE;
        }
    }

    private static @Nullable Long number(@Nullable Object value) {
        return value == null ? null : Long.parseLong(String.valueOf(value).trim());
    }
}
