package dev.apigw.gateway.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The revocation listener and the last-used recorder, under {@code gateway.auth.revocation}.
 *
 * @param channel           the PostgreSQL channel key-admin-service notifies on
 * @param minBackoff        first wait before reconnecting a lost listener connection
 * @param maxBackoff        longest wait between reconnection attempts
 * @param livenessInterval  how often the listener connection is pinged to catch a silent death
 * @param livenessTimeout   how long a ping may take before the connection counts as dead
 * @param lastUsedFlushInterval how often recorded key uses are written, in one statement
 * @param lastUsedResolution    a key's {@code last_used} is written again only once it has moved by
 *                              this much: the accuracy of {@code last_used}, traded for database load
 */
@Validated
@ConfigurationProperties("gateway.auth.revocation")
public record RevocationProperties(
        @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") @DefaultValue("api_key_changes")
        String channel,

        @NotNull @DefaultValue("100ms") Duration minBackoff,
        @NotNull @DefaultValue("10s") Duration maxBackoff,
        @NotNull @DefaultValue("10s") Duration livenessInterval,
        @NotNull @DefaultValue("3s") Duration livenessTimeout,
        @NotNull @DefaultValue("5s") Duration lastUsedFlushInterval,
        @NotNull @DefaultValue("60s") Duration lastUsedResolution) {}
