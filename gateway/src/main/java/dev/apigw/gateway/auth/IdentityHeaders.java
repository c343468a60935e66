package dev.apigw.gateway.auth;

import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.problem.RequestIdFilter;
import dev.apigw.gateway.proxy.HeaderView;
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
 * The headers the gateway owns. {@link #forwarded} leaves out every one a client sent — in any letter
 * case, and spelled with underscores, which some servers treat as dashes: the configured identity headers
 * and the scopes header, and {@value #REAL_IP}, which backends and their frameworks read as the client's
 * address although only the client wrote it, and the client's {@code X-Forwarded-*} and
 * {@code Forwarded} unless trusted proxies are configured ({@link ProxyHeaderPolicy}) — and the caller's
 * credentials the backend should not see; {@link #inject} writes the gateway's own after a successful
 * authentication.
 */
@Component
public class IdentityHeaders {

    /** Always stripped, whatever {@code gateway.auth.identity-headers} lists. */
    static final String REAL_IP = "X-Real-IP";

    private final Set<String> owned;
    private final AuthProperties settings;
    /** The credential headers the backend does not see (both, unless configured to forward them). */
    private final List<String> credentials;

    private final ProxyHeaderPolicy proxyHeaders;

    /** With every forwarding header of a client dropped ({@link ProxyHeaderPolicy#STRICT}). */
    IdentityHeaders(AuthProperties settings, ApiKeyProperties apiKeys) {
        this(settings, apiKeys, ProxyHeaderPolicy.STRICT);
    }

    @Autowired
    IdentityHeaders(AuthProperties settings, ApiKeyProperties apiKeys, ProxyHeaderPolicy proxyHeaders) {
        this.settings = settings;
        this.proxyHeaders = proxyHeaders;
        List<String> credentials = new ArrayList<>(2);
        if (!settings.forwardApiKey()) {
            credentials.add(apiKeys.header());
        }
        if (!settings.forwardAuthorization()) {
            credentials.add(HttpHeaders.AUTHORIZATION);
        }
        this.credentials = List.copyOf(credentials);
        this.owned = Stream.concat(settings.identityHeaders().stream(), Stream.of(REAL_IP, settings.scopesHeader()))
                .map(IdentityHeaders::normalize)
                .collect(Collectors.toSet());
    }

    /**
     * The headers a request goes on with, as a read-only view of {@code request}'s (nothing copied):
     * without every header a client may not send — those the gateway owns, and the forwarding headers
     * the {@link ProxyHeaderPolicy} drops on arrival — and, for an authenticated caller, without the
     * credentials the backend should not see; with {@code requestId} as {@link RequestIdFilter#HEADER}.
     */
    HttpHeaders forwarded(HttpHeaders request, boolean authenticated, String requestId) {
        List<String> hidden = new ArrayList<>(4);
        for (String name : request.asMultiValueMap().keySet()) {
            String normalized = normalize(name);
            if (owned.contains(normalized) || proxyHeaders.dropsOnArrival(normalized)) {
                hidden.add(name);
            }
        }
        if (authenticated) {
            hidden.addAll(credentials);
        }
        return HeaderView.of(request, hidden, RequestIdFilter.HEADER, requestId);
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

    private static String normalize(String name) {
        return name.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
