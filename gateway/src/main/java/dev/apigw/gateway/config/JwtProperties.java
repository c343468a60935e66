package dev.apigw.gateway.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * JWT verification, under {@code gateway.auth.jwt}.
 *
 * @param enabled               whether bearer tokens are accepted at all
 * @param algorithms            the only algorithms accepted: RS256 (default) and/or HS256
 * @param jwksUri               where the verification keys are published (RS256)
 * @param hmacSecret            the shared secret (HS256), at least 32 bytes
 * @param issuer                required {@code iss}; not checked when blank
 * @param audience              required {@code aud}; not checked when blank
 * @param clockSkew             tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenLength        longer bearer tokens are rejected unparsed
 * @param jwksRefreshInterval   how often keys are fetched in the background
 * @param jwksRefreshCooldown   least time between two fetches, so unknown {@code kid}s cannot hammer the endpoint
 * @param jwksTimeout           how long one JWKS fetch may take
 * @param verifiedCacheMaxSize  most verified tokens remembered (keyed by their SHA-256)
 * @param verifiedCacheMaxTtl   longest a verified token is remembered; never past its {@code exp}
 * @param subjectsAreUsers      the issuer is key-admin-service: a token's subject must be one of its users,
 *                              enabled, not deleted, and the token issued no earlier than the user's
 *                              {@code tokens_not_before}; false for an identity provider of its own
 */
@Validated
@ConfigurationProperties("gateway.auth.jwt")
public record JwtProperties(
        @DefaultValue("true") boolean enabled,
        @NotEmpty @DefaultValue("RS256") List<String> algorithms,
        @Nullable URI jwksUri,
        @Nullable String hmacSecret,
        @DefaultValue("key-admin-service") String issuer,
        @DefaultValue("api-gateway") String audience,
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @Min(256) @DefaultValue("8192") int maxTokenLength,
        @NotNull @DefaultValue("5m") Duration jwksRefreshInterval,
        @NotNull @DefaultValue("30s") Duration jwksRefreshCooldown,
        @NotNull @DefaultValue("2s") Duration jwksTimeout,
        @Min(0) @DefaultValue("100000") long verifiedCacheMaxSize,
        @NotNull @DefaultValue("5m") Duration verifiedCacheMaxTtl,
        @DefaultValue("true") boolean subjectsAreUsers) {

    private static final Set<String> SUPPORTED = Set.of("RS256", "HS256");

    public JwtProperties {
        for (String algorithm : algorithms) {
            if (!SUPPORTED.contains(algorithm)) {
                throw new IllegalArgumentException(
                        "gateway.auth.jwt.algorithms supports " + SUPPORTED + ", not " + algorithm);
            }
        }
        if (enabled && algorithms.contains("RS256") && jwksUri == null) {
            throw new IllegalArgumentException("gateway.auth.jwt.jwks-uri is required for RS256");
        }
        if (enabled
                && algorithms.contains("HS256")
                && (hmacSecret == null || hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32)) {
            throw new IllegalArgumentException(
                    "gateway.auth.jwt.hmac-secret of at least 32 bytes is required for HS256");
        }
    }
}
