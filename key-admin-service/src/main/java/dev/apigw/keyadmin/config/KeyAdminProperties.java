package dev.apigw.keyadmin.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
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
 * @param login     how failed logins are throttled
 */
@Validated
@ConfigurationProperties("key-admin")
public record KeyAdminProperties(
        @Valid @NotNull @DefaultValue Bootstrap bootstrap,
        @Valid @NotNull @DefaultValue Token token,
        @Valid @NotNull @DefaultValue Keys keys,
        @Valid @NotNull @DefaultValue Login login) {

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

    /**
     * Throttling of failed logins (issue #22). Failures are counted in PostgreSQL, per user name and per
     * client address, so every instance sees them. Refused attempts are answered 429 before any password
     * is checked and are not counted; a successful login clears its user name's count.
     *
     * @param user           limits per user name, whether or not a user of that name exists
     * @param address        limits per client address, against one address trying many names
     * @param trustedProxies addresses or CIDR blocks (IP literals only) whose {@code X-Forwarded-For} is
     *                       believed: the client is the rightmost forwarded address that is not itself
     *                       trusted. A trusted peer that forwards no address is not counted per address.
     * @param counterSecret  the key (at least 32 characters, the same on every instance) under which
     *                       user names and addresses are turned into counter identities (HMAC-SHA256);
     *                       unset, a plain SHA-256, which guessing can reverse: set it in production
     */
    public record Login(
            @Valid @NotNull @DefaultValue UserLimit user,
            @Valid @NotNull @DefaultValue AddressLimit address,

            @NotNull @DefaultValue({"127.0.0.0/8", "::1/128"})
            List<String> trustedProxies,

            @Nullable @Size(min = 32) String counterSecret) {}

    /**
     * @param maxFailures failures within a window before the name is refused: the last of them blocks it
     * @param window      how long failures are counted from the first one; the next failure after it
     *                    starts a new count
     * @param firstBlock  how long logins for the name are refused after its {@code max-failures}-th
     *                    failure; each further failure doubles it
     * @param maxBlock    the longest refusal: no failure, however many, refuses the name for longer
     */
    public record UserLimit(
            @Min(1) @DefaultValue("5") int maxFailures,
            @NotNull @DefaultValue("1h") Duration window,
            @NotNull @DefaultValue("1s") Duration firstBlock,
            @NotNull @DefaultValue("15m") Duration maxBlock) {

        public UserLimit {
            positive("key-admin.login.user.window", window);
            positive("key-admin.login.user.first-block", firstBlock);
            positive("key-admin.login.user.max-block", maxBlock);
            if (maxBlock.compareTo(firstBlock) < 0) {
                throw new IllegalArgumentException(
                        "key-admin.login.user.max-block must not be shorter than key-admin.login.user.first-block");
            }
        }
    }

    /**
     * @param maxFailures failures within a window that one client address may make before it is refused
     * @param window      how long failures are counted from the first one
     * @param blockFor    how long logins from the address are refused after its {@code max-failures}-th
     *                    failure
     */
    public record AddressLimit(
            @Min(1) @DefaultValue("50") int maxFailures,
            @NotNull @DefaultValue("10m") Duration window,
            @NotNull @DefaultValue("10m") Duration blockFor) {

        public AddressLimit {
            positive("key-admin.login.address.window", window);
            positive("key-admin.login.address.block-for", blockFor);
        }
    }

    private static void positive(String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
