package dev.apigw.gateway.jwt;

import dev.apigw.gateway.config.JwtProperties;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One issuer's RSA verification keys, published at its JWKS URL (configured, or found once by OpenID
 * Connect discovery), by {@code kid}. Fetched without blocking, kept
 * when a fetch fails (the last good keys stay in use), and fetched again at most once per cooldown,
 * however many requests ask: a storm of tokens with random {@code kid}s costs one fetch. Thread-safe.
 */
public class JwksKeyStore {

    private static final Logger log = LoggerFactory.getLogger(JwksKeyStore.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int MAX_JWKS_BYTES = 256 * 1024;
    private static final java.time.Duration EMPTY_RETRY = java.time.Duration.ofSeconds(1);

    private final WebClient client;
    private final JwtProperties settings;
    private final @Nullable URI discoveryUri;
    private final String issuer;
    private volatile @Nullable URI jwksUri;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile Map<String, RSAPublicKey> keys = Map.of();
    private @Nullable Instant lastAttempt; // guarded by this
    private @Nullable Instant lastSuccess; // guarded by this
    private @Nullable Mono<Boolean> inFlight; // guarded by this

    /** The keys of the issuer configured at the top of {@code settings}, at its {@code jwks-uri}. */
    public JwksKeyStore(WebClient.Builder builder, JwtProperties settings, Clock clock, MeterRegistry meters) {
        this(builder, settings, settings.issuer(), settings.jwksUri(), null, clock, meters);
    }

    /** The keys of another issuer: at its {@code jwks-uri}, or where its discovery document says. */
    public JwksKeyStore(
            WebClient.Builder builder,
            JwtProperties settings,
            JwtProperties.Issuer other,
            Clock clock,
            MeterRegistry meters) {
        this(
                builder,
                settings,
                other.issuer(),
                other.jwksUri(),
                other.jwksUri() == null ? other.discoveryUri() : null,
                clock,
                meters);
    }

    private JwksKeyStore(
            WebClient.Builder builder,
            JwtProperties settings,
            String issuer,
            @Nullable URI jwksUri,
            @Nullable URI discoveryUri,
            Clock clock,
            MeterRegistry meters) {
        this.client = builder.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_JWKS_BYTES))
                .build();
        this.settings = settings;
        this.issuer = issuer;
        this.jwksUri = jwksUri;
        this.discoveryUri = discoveryUri;
        this.clock = clock;
        this.meters = meters;
    }

    /** The key with this id, if it is known now. Never fetches. */
    @Nullable
    RSAPublicKey key(@Nullable String kid) {
        return kid == null ? null : keys.get(kid);
    }

    /**
     * Fetches the keys unless a fetch happened within the cooldown; concurrent callers share one fetch.
     * Emits whether the key set was fetched (true) or the cooldown refused (false); never errors.
     */
    public synchronized Mono<Boolean> refreshIfAllowed() {
        Instant last = lastAttempt;
        if (last != null && clock.instant().isBefore(last.plus(settings.jwksRefreshCooldown()))) {
            return inFlight != null ? inFlight : Mono.just(false);
        }
        return refresh();
    }

    /**
     * For the background schedule: fetches when the refresh interval has passed since the last good
     * fetch or, while no key is known yet (the endpoint was down at start), once a second.
     */
    public synchronized Mono<Boolean> refreshIfDue() {
        Instant now = clock.instant();
        boolean due = keys.isEmpty()
                ? lastAttempt == null || !now.isBefore(lastAttempt.plus(EMPTY_RETRY))
                : lastSuccess == null || !now.isBefore(lastSuccess.plus(settings.jwksRefreshInterval()));
        return due ? refresh() : Mono.just(false);
    }

    /** Fetches now, sharing a fetch already in flight. Never errors. */
    public synchronized Mono<Boolean> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        lastAttempt = clock.instant();
        Mono<Boolean> fetch = fetch().doOnTerminate(this::finished).cache();
        inFlight = fetch;
        return fetch;
    }

    private synchronized void succeeded(Map<String, RSAPublicKey> parsed) {
        keys = parsed;
        lastSuccess = clock.instant();
    }

    private synchronized void finished() {
        inFlight = null;
    }

    private Mono<Boolean> fetch() {
        URI known = jwksUri;
        URI discovery = discoveryUri;
        Mono<URI> where;
        if (known != null) {
            where = Mono.just(known);
        } else if (discovery != null) {
            where = discover(discovery);
        } else { // HS256 only: no key set to fetch
            return Mono.just(false);
        }
        return where.flatMap(uri -> client.get()
                        .uri(uri)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .bodyToMono(String.class)
                        .timeout(settings.jwksTimeout()))
                .map(JwksKeyStore::parse)
                .map(parsed -> {
                    if (parsed.isEmpty()) {
                        throw new IllegalStateException("JWKS holds no usable RSA signing key");
                    }
                    succeeded(parsed);
                    meters.counter("gateway.auth.jwks.refreshes", "outcome", "success")
                            .increment();
                    log.debug("Fetched {} JWKS keys", parsed.size());
                    return true;
                })
                .onErrorResume(error -> {
                    meters.counter("gateway.auth.jwks.refreshes", "outcome", "failure")
                            .increment();
                    log.warn(
                            "JWKS fetch for issuer {} from {} failed, keeping {} known keys: {}",
                            issuer,
                            jwksUri != null ? jwksUri : discoveryUri,
                            keys.size(),
                            error.toString());
                    return Mono.just(false);
                });
    }

    /**
     * The {@code jwks_uri} of the issuer's discovery document, kept once found; the document must name
     * this issuer (OpenID Connect Discovery §4.3), so a document served for another cannot redirect us.
     */
    private Mono<URI> discover(URI discovery) {
        return client.get()
                .uri(discovery)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(settings.jwksTimeout())
                .map(json -> {
                    JsonNode document = JSON.readTree(json);
                    if (!issuer.equals(document.path("issuer").asString(""))) {
                        throw new IllegalStateException("discovery document names another issuer");
                    }
                    String keys = document.path("jwks_uri").asString("");
                    URI found = URI.create(keys);
                    if (!found.isAbsolute()
                            || !("https".equals(found.getScheme()) || "http".equals(found.getScheme()))) {
                        throw new IllegalStateException("discovery document has no usable jwks_uri");
                    }
                    jwksUri = found;
                    return found;
                });
    }

    private static Map<String, RSAPublicKey> parse(String json) {
        JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(json);
        Map<String, RSAPublicKey> parsed = new HashMap<>();
        for (Jwk<?> jwk : set.getKeys()) {
            Key key = jwk.toKey();
            boolean signing = jwk.get("use") == null || "sig".equals(jwk.get("use"));
            boolean rs256 = jwk.getAlgorithm() == null || "RS256".equals(jwk.getAlgorithm());
            if (jwk.getId() != null
                    && key instanceof RSAPublicKey rsa
                    && signing
                    && rs256
                    && rsa.getModulus().bitLength() >= 2048) {
                parsed.put(jwk.getId(), rsa);
            }
        }
        return Map.copyOf(parsed);
    }
}
