package dev.apigw.keyadmin.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the key-admin-service, under {@code key-admin}.
 *
 * @param bootstrap the first administrator, created at start when no user exists
 * @param token     how access tokens are signed and what they claim
 * @param keys      API-key policy
 */
@Validated
@ConfigurationProperties("key-admin")
public record KeyAdminProperties(
        @Valid @NotNull @DefaultValue Bootstrap bootstrap,
        @Valid @NotNull @DefaultValue Token token,
        @Valid @NotNull @DefaultValue Keys keys) {

    /**
     * @param username user name of the first administrator; nothing is created when blank
     * @param password password of the first administrator (at least 12 characters); there is no default
     */
    public record Bootstrap(
            @Nullable String username, @Nullable String password) {}

    /**
     * @param algorithm          RS256 (default; verifiable by anyone through the JWKS) or HS256 (shared secret)
     * @param issuer             the {@code iss} claim
     * @param audience           the {@code aud} claim: who the tokens are for
     * @param ttl                lifetime of an access token
     * @param privateKeyLocation RS256: PKCS#8 PEM private key; when absent a key pair is generated at start
     * @param hmacSecret         HS256: the shared secret, at least 32 bytes
     */
    public record Token(
            @NotNull @DefaultValue("RS256") Algorithm algorithm,
            @NotBlank @DefaultValue("key-admin-service") String issuer,
            @NotBlank @DefaultValue("api-gateway") String audience,
            @NotNull @DefaultValue("15m") Duration ttl,
            @Nullable Resource privateKeyLocation,
            @Nullable String hmacSecret) {}

    public enum Algorithm {
        RS256,
        HS256
    }

    /**
     * @param type                 the key type prefix, e.g. {@code gwk}
     * @param maxActivePerUser     how many unrevoked keys one user may hold
     * @param defaultRotationGrace how long a rotated key keeps working when the request names no grace period
     * @param maxRotationGrace     the longest grace period a request may ask for
     * @param maxExpiresInDays     the longest lifetime a key may be given at creation
     */
    public record Keys(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9]{0,15}") @DefaultValue("gwk")
            String type,

            @Min(1) @DefaultValue("50") int maxActivePerUser,
            @NotNull @DefaultValue("24h") Duration defaultRotationGrace,
            @NotNull @DefaultValue("30d") Duration maxRotationGrace,
            @Min(1) @Max(36500) @DefaultValue("3650") int maxExpiresInDays) {}
}
