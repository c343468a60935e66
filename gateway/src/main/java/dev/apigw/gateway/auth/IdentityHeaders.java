package dev.apigw.gateway.auth;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.proxy.ProxyHeaderPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The headers the gateway owns. {@link #strip} removes every one a client sent — in any letter case,
 * and spelled with underscores, which some servers treat as dashes: the configured identity headers and
 * the scopes header, and {@value #REAL_IP}, which backends and their frameworks read as the client's
 * address although only the client wrote it, and the client's {@code X-Forwarded-*} and
 * {@code Forwarded} unless trusted proxies are configured ({@link ProxyHeaderPolicy});
 * {@link #dropCredentials} removes the
 * caller's credentials the backend should not see; {@link #inject} writes the gateway's own after a
 * successful authentication.
 */
@Component
public class IdentityHeaders {

    /** Always stripped, whatever {@code gateway.auth.identity-headers} lists. */
    static final String REAL_IP = "X-Real-IP";

    private final Set<String> owned;
    private final AuthProperties settings;
    private final String apiKeyHeader;

    private final ProxyHeaderPolicy proxyHeaders;

    /** With every forwarding header of a client dropped ({@link ProxyHeaderPolicy#STRICT}). */
    IdentityHeaders(AuthProperties settings, ApiKeyProperties apiKeys) {
        this(settings, apiKeys, ProxyHeaderPolicy.STRICT);
    }

    @Autowired
    IdentityHeaders(AuthProperties settings, ApiKeyProperties apiKeys, ProxyHeaderPolicy proxyHeaders) {
        this.settings = settings;
        this.proxyHeaders = proxyHeaders;
        this.apiKeyHeader = apiKeys.header();
        this.owned = Stream.concat(settings.identityHeaders().stream(), Stream.of(REAL_IP, settings.scopesHeader()))
                .map(IdentityHeaders::normalize)
                .collect(Collectors.toSet());
    }

    /**
     * Removes every header a client may not send: those the gateway owns, and the forwarding headers the
     * {@link ProxyHeaderPolicy} drops on arrival — one pass over the names for both.
     */
    void strip(HttpHeaders headers) {
        // In Spring Framework 7 forEach, like headerNames(), first builds a case-insensitive set of every
        // name; this runs on every request, so it at least spares a stream over that set.
        List<String> spoofed = new ArrayList<>(2);
        headers.forEach((name, values) -> {
            String normalized = normalize(name);
            if (owned.contains(normalized) || proxyHeaders.dropsOnArrival(normalized)) {
                spoofed.add(name);
            }
        });
        spoofed.forEach(headers::remove);
    }

    /** Sets the identity of {@code outcome}. */
    void inject(HttpHeaders headers, AuthOutcome.Authenticated outcome) {
        headers.set(settings.userIdHeader(), outcome.userId());
        headers.set(settings.methodHeader(), outcome.method().headerValue());
        if (outcome.keyId() != null) {
            headers.set(settings.keyIdHeader(), outcome.keyId().toString());
        }
        if (!outcome.scopes().isEmpty()) {
            headers.set(settings.scopesHeader(), outcome.scopes().headerValue());
        }
    }

    /** Removes the credentials the backend should not see (both, unless configured to forward them). */
    void dropCredentials(HttpHeaders headers) {
        if (!settings.forwardApiKey()) {
            headers.remove(apiKeyHeader);
        }
        if (!settings.forwardAuthorization()) {
            headers.remove(HttpHeaders.AUTHORIZATION);
        }
    }

    private static String normalize(String name) {
        return name.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
