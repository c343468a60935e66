package dev.apigw.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What a request presents: a bearer token, an API key, or a reason it presents them unacceptably
 * (two of a header, or a key in the URL). Pure: reads the request, changes nothing.
 */
record Credentials(
        @Nullable String bearerToken,
        @Nullable String apiKey,
        @Nullable FailureReason problem) {

    private static final String BEARER = "bearer ";
    /**
     * Query parameters that look like an attempt to pass a key in the URL. Not a bare {@code key},
     * which APIs use for their own purposes.
     */
    private static final Set<String> KEY_PARAMETERS = Set.of("api_key", "apikey", "api-key", "x-api-key");

    static Credentials from(ServerHttpRequest request, String apiKeyHeader) {
        HttpHeaders headers = request.getHeaders();
        List<String> authorization = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
        List<String> apiKeys = headers.getOrEmpty(apiKeyHeader);
        if (authorization.size() > 1 || apiKeys.size() > 1) {
            return new Credentials(null, null, FailureReason.DUPLICATE_CREDENTIALS);
        }
        boolean keyInQuery = request.getQueryParams().keySet().stream()
                .anyMatch(name -> KEY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)));
        if (keyInQuery) {
            return new Credentials(null, null, FailureReason.KEY_IN_QUERY);
        }
        String bearer = null;
        if (authorization.size() == 1) {
            String value = authorization.get(0);
            if (value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                bearer = value.substring(BEARER.length()).trim();
            }
        }
        String apiKey = apiKeys.isEmpty() ? null : apiKeys.get(0).trim();
        return new Credentials(
                bearer == null || bearer.isEmpty() ? null : bearer,
                apiKey == null || apiKey.isEmpty() ? null : apiKey,
                null);
    }
}
