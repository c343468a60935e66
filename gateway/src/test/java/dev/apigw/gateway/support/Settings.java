package dev.apigw.gateway.support;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.config.RevocationProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings for unit tests that build components by hand, bound by property name the way the running
 * gateway binds them: every value is the documented default unless a test names it.
 */
public final class Settings {

    private Settings() {}

    /** The records' own prefixes, so tests name properties as operators do. */
    private static final String AUTH = "gateway.auth";

    private static final String API_KEY = "gateway.auth.api-key";
    private static final String JWT = "gateway.auth.jwt";
    private static final String REVOCATION = "gateway.auth.revocation";

    public static AuthProperties auth() {
        return auth(Map.of());
    }

    /** The defaults, with {@code overrides} by property name (e.g. {@code forward-api-key}). */
    public static AuthProperties auth(Map<String, String> overrides) {
        return bind(AUTH, AuthProperties.class, overrides);
    }

    /** The defaults, but a 30 s ttl and room for 1,000 keys: the unit tests' time lines are built on those. */
    public static ApiKeyProperties apiKeys() {
        return apiKeys(Map.of());
    }

    /** As {@link #apiKeys()}, with the lookup bounds of a test. */
    public static ApiKeyProperties apiKeys(int maxConcurrentLookups, int maxQueuedLookups) {
        return apiKeys(Map.of(
                "max-concurrent-lookups",
                Integer.toString(maxConcurrentLookups),
                "max-queued-lookups",
                Integer.toString(maxQueuedLookups)));
    }

    /** As {@link #apiKeys()}, with {@code overrides} by property name (e.g. {@code negative-ttl}). */
    public static ApiKeyProperties apiKeys(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("ttl", "30s", "cache-max-size", "1000"));
        values.putAll(overrides);
        return bind(API_KEY, ApiKeyProperties.class, values);
    }

    /** The defaults: among them a last-used resolution of 60 s. */
    public static RevocationProperties revocation() {
        return bind(REVOCATION, RevocationProperties.class, Map.of());
    }

    /** HS256 only, so that no JWKS is needed; the test tokens' issuer and audience. */
    public static JwtProperties hs256(String secret) {
        return bind(
                JWT,
                JwtProperties.class,
                Map.of(
                        "algorithms",
                        "HS256",
                        "hmac-secret",
                        secret,
                        "issuer",
                        TestTokens.ISSUER,
                        "audience",
                        TestTokens.AUDIENCE));
    }

    /** The defaults, with {@code overrides} by property name (e.g. {@code jwks-uri}). */
    public static JwtProperties jwt(Map<String, String> overrides) {
        return bind(JWT, JwtProperties.class, overrides);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        Map<String, String> named = new HashMap<>();
        values.forEach((name, value) -> named.put(prefix + "." + name, value));
        return new Binder(new MapConfigurationPropertySource(named)).bindOrCreate(prefix, type);
    }
}
