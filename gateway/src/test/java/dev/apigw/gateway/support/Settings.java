package dev.apigw.gateway.support;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.config.RevocationProperties;
import java.time.Duration;
import java.util.List;

/** The documented defaults, for unit tests that build components by hand. */
public final class Settings {

    private Settings() {
    }

    public static AuthProperties auth() {
        return new AuthProperties(List.of("X-User-Id", "X-Auth-Method", "X-Api-Key-Id"), "X-User-Id",
                "X-Auth-Method", "X-Api-Key-Id", false, false, "api-gateway");
    }

    public static ApiKeyProperties apiKeys() {
        return apiKeys(8, 256);
    }

    public static ApiKeyProperties apiKeys(int maxConcurrentLookups, int maxQueuedLookups) {
        return new ApiKeyProperties("x-api-key", "gwk", 1000, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMinutes(10), maxConcurrentLookups, maxQueuedLookups, 50, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    /** A last-used resolution of 60 s (the other values are the listener's, unused by hand-built tests). */
    public static RevocationProperties revocation() {
        return new RevocationProperties("api_key_changes", Duration.ofMillis(100), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** HS256 only, so that no JWKS is needed. */
    public static JwtProperties hs256(String secret) {
        return new JwtProperties(true, List.of("HS256"), null, secret, TestTokens.ISSUER, TestTokens.AUDIENCE,
                Duration.ofSeconds(30), 8192, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
                1000, Duration.ofMinutes(5));
    }
}
