package dev.apigw.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API-key verification, under {@code gateway.auth.api-key}.
 *
 * @param header                the request header that carries the key
 * @param type                  the key type prefix that key-admin-service issues
 * @param cacheMaxSize          most keys (known and unknown) held in memory
 * @param ttl                   the longest a cached answer is used without the database confirming it
 *                              again (at most 60 s): the bound on staleness when a revocation notice is
 *                              missed; keys in use are re-checked in the background before it ends
 * @param negativeTtl           how long a well-formed key that does not exist is remembered as unknown
 * @param stalePeriod           during a database outage, how long after its last successful check a
 *                              cached answer (valid or revoked) is still used
 * @param maxConcurrentLookups  database lookups in flight at once
 * @param maxQueuedLookups      lookups waiting for one of those; any more fail at once with 503
 * @param unlistedLookupsPerSecond  lookups a second for well-formed keys that are not among the stored
 *                              keys the gateway knows of (a key created a moment ago, its notice not yet
 *                              arrived); beyond this they are refused as unknown without a lookup
 * @param lookupTimeout         how long one database lookup may take before it counts as failed
 * @param retryAfter            the {@code Retry-After} sent with 503
 */
@Validated
@ConfigurationProperties("gateway.auth.api-key")
public record ApiKeyProperties(
        @NotBlank @DefaultValue("x-api-key") String header,

        @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{0,15}") @DefaultValue("gwk")
        String type,

        @Min(100) @DefaultValue("100000") long cacheMaxSize,
        @NotNull @DefaultValue("60s") Duration ttl,
        @NotNull @DefaultValue("5s") Duration negativeTtl,
        @NotNull @DefaultValue("10m") Duration stalePeriod,
        @Min(1) @Max(1000) @DefaultValue("8") int maxConcurrentLookups,
        @Min(0) @Max(100000) @DefaultValue("256") int maxQueuedLookups,
        @Min(0) @Max(100000) @DefaultValue("50") int unlistedLookupsPerSecond,
        @NotNull @DefaultValue("2s") Duration lookupTimeout,
        @NotNull @DefaultValue("5s") Duration retryAfter) {

    public ApiKeyProperties {
        if (ttl.compareTo(Duration.ofSeconds(60)) > 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("gateway.auth.api-key.ttl must be between 1 ms and 60 s: " + ttl);
        }
        if (stalePeriod.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("gateway.auth.api-key.stale-period must not be shorter than ttl");
        }
    }
}
