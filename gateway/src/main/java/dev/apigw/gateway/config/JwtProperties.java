package dev.apigw.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * @param scopeClaim            the claim holding the token's scopes: a space-separated string ({@code scope},
 *                              as key-admin-service and most OAuth servers write it) or a list of strings
 *                              ({@code scp}, as Entra ID and Okta do); either shape is read from either name
 * @param issuers               more issuers whose tokens are accepted (identity providers next to
 *                              key-admin-service), each with its own keys, audience, algorithms and scope claim.
 *                              A token's {@code iss} chooses among them and the issuer above before any key is
 *                              fetched; a token naming none of them is refused without a fetch
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
        @DefaultValue("true") boolean subjectsAreUsers,
        @NotBlank @DefaultValue("scope") String scopeClaim,
        @Valid @DefaultValue List<Issuer> issuers) {

    private static final Set<String> SUPPORTED = Set.of("RS256", "HS256");

    /**
     * Another issuer whose tokens are accepted, under {@code gateway.auth.jwt.issuers[n]}. Its tokens'
     * subjects are not key-admin-service users. Fetches of its keys share the settings above
     * (interval, cooldown, timeout) and are counted and bounded for it alone.
     *
     * @param issuer     its {@code iss}, exactly
     * @param jwksUri    where it publishes its keys; or, when absent, found by OpenID Connect discovery at
     *                   {@code <issuer>/.well-known/openid-configuration} (its {@code issuer} must match)
     * @param audience   the {@code aud} its tokens must carry for this gateway: required, so that a token it
     *                   issued for another application is not accepted here
     * @param algorithms the only algorithms accepted: RS256
     * @param scopeClaim the claim holding its tokens' scopes ({@code scope} or {@code scp}, string or list)
     * @param subjectPrefix put before its tokens' {@code sub} in the user id header (e.g. {@code partners:}),
     *                   so that a subject it issues cannot pass for a key-admin-service user or another
     *                   issuer's subject at the backend; empty by default
     */
    public record Issuer(
            @NotBlank String issuer,
            @Nullable URI jwksUri,
            @NotBlank String audience,
            @NotEmpty @DefaultValue("RS256") List<String> algorithms,
            @NotBlank @DefaultValue("scope") String scopeClaim,

            @Pattern(regexp = "[A-Za-z0-9._:@|+-]{0,32}") @DefaultValue("")
            String subjectPrefix) {

        public Issuer {
            for (String algorithm : algorithms) {
                if (!"RS256".equals(algorithm)) {
                    throw new IllegalArgumentException(
                            "gateway.auth.jwt.issuers[].algorithms supports RS256 only, not " + algorithm);
                }
            }
        }

        /** Where discovery finds its keys' address, when no {@code jwks-uri} is set. */
        public URI discoveryUri() {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return URI.create(base + "/.well-known/openid-configuration");
        }
    }

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
        if (!issuers.isEmpty() && issuer.isBlank()) {
            throw new IllegalArgumentException("gateway.auth.jwt.issuer must be set when gateway.auth.jwt.issuers"
                    + " lists more: a token's iss chooses among them");
        }
        Set<String> names = new java.util.HashSet<>(Set.of(issuer));
        for (Issuer other : issuers) {
            if (!names.add(other.issuer())) {
                throw new IllegalArgumentException(
                        "gateway.auth.jwt.issuers: issuer " + other.issuer() + " is configured twice");
            }
        }
        if (enabled
                && algorithms.contains("HS256")
                && (hmacSecret == null || hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32)) {
            throw new IllegalArgumentException(
                    "gateway.auth.jwt.hmac-secret of at least 32 bytes is required for HS256");
        }
    }
}
