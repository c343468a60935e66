package dev.apigw.gateway.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Routes with rate-limit metadata, after {@link Downstream}'s: {@code /limited/**} (3 a minute, burst
 * 3), {@code /quota/**} (2 a day), {@code /unlimited/**} (limits off), {@code /both/**} (1 a minute and 5 a day); everything else has the gateway
 * default of 1000 a second.
 */
public final class LimitedRoutes {

    private LimitedRoutes() {}

    public static void register(DynamicPropertyRegistry registry, Downstream downstream) {
        String prefix = "spring.cloud.gateway.server.webflux.routes";
        registry.add(prefix + "[7].id", () -> "limited");
        registry.add(prefix + "[7].uri", () -> downstream.url(""));
        registry.add(prefix + "[7].predicates[0]", () -> "Path=/limited/**");
        registry.add(prefix + "[7].metadata.rate-limit.limit", () -> "3");
        registry.add(prefix + "[7].metadata.rate-limit.window", () -> "60s");
        registry.add(prefix + "[8].id", () -> "quota");
        registry.add(prefix + "[8].uri", () -> downstream.url(""));
        registry.add(prefix + "[8].predicates[0]", () -> "Path=/quota/**");
        registry.add(prefix + "[8].metadata.rate-limit.quota", () -> "2");
        registry.add(prefix + "[8].metadata.rate-limit.quota-period", () -> "daily");
        registry.add(prefix + "[9].id", () -> "unlimited");
        registry.add(prefix + "[9].uri", () -> downstream.url(""));
        registry.add(prefix + "[9].predicates[0]", () -> "Path=/unlimited/**");
        registry.add(prefix + "[9].metadata.rate-limit", () -> "off");
        registry.add(prefix + "[10].id", () -> "rate-and-quota");
        registry.add(prefix + "[10].uri", () -> downstream.url(""));
        registry.add(prefix + "[10].predicates[0]", () -> "Path=/both/**");
        registry.add(prefix + "[10].metadata.rate-limit.limit", () -> "1");
        registry.add(prefix + "[10].metadata.rate-limit.window", () -> "60s");
        registry.add(prefix + "[10].metadata.rate-limit.quota", () -> "5");
        registry.add("gateway.rate-limit.default-rate", () -> "1000");
    }
}
