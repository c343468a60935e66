package dev.apigw.keycore.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * A quota's calendar window in UTC. The gateway's Lua script computes the same window ids from Redis
 * {@code TIME}; key-admin-service computes them here to read the counter of the current window.
 */
public enum QuotaPeriod {
    /** From 00:00 UTC to the next 00:00 UTC; window id: days since the epoch. */
    DAILY,
    /** From the first of the month 00:00 UTC to the next; window id: {@code year * 12 + month - 1}. */
    MONTHLY;

    /** The id of the window that holds {@code at}, as the counter stores it. */
    public long windowId(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (this) {
            case DAILY -> day.toEpochDay();
            case MONTHLY -> day.getYear() * 12L + day.getMonthValue() - 1;
        };
    }

    /** When the window that holds {@code at} ends (exclusive). */
    public Instant windowEnd(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAILY -> day.plusDays(1);
            case MONTHLY -> day.withDayOfMonth(1).plusMonths(1);
        };
        return ZonedDateTime.of(next.atStartOfDay(), ZoneOffset.UTC).toInstant();
    }

    /** The window's length in whole seconds at {@code at} (a month's varies). */
    public long windowSeconds(Instant at) {
        Instant end = windowEnd(at);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate start = this == DAILY ? day : day.withDayOfMonth(1);
        return end.getEpochSecond() - start.toEpochDay() * 86_400L;
    }

    /** The policy name in headers and Redis keys: {@code daily} or {@code monthly}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code name} ({@code daily}, {@code monthly}, any case). */
    public static QuotaPeriod named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
