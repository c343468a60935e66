package dev.apigw.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpServer;
import dev.apigw.gateway.apikey.ApiKeyVerifier;
import dev.apigw.gateway.apikey.BenchApiKeys;
import dev.apigw.gateway.apikey.KeyRecord;
import dev.apigw.gateway.auth.AuthenticationFilter;
import dev.apigw.gateway.auth.BenchFilter;
import dev.apigw.gateway.auth.IdentityHeadersFilter;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.jwt.JwksKeyStore;
import dev.apigw.gateway.jwt.JwtCheck;
import dev.apigw.gateway.jwt.JwtVerifier;
import dev.apigw.gateway.jwt.VerifiedTokenCache;
import dev.apigw.gateway.support.Settings;
import dev.apigw.keycore.KeyCheck;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The authentication hot path in-process: the pieces (checksum, SHA-256, JWT verification with and
 * without the verified-token cache, the cached-key decision) and the whole filter on a cached key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    /**
     * Many cached keys, read in turn by {@link #apiKeyDecisionCachedManyKeys}: as many as the harness's
     * warm-key row uses (another count with {@code -p manyKeyCount=N}; up to the cache's 100,000). A
     * state of its own, so that only that benchmark sets them up.
     */
    @State(Scope.Benchmark)
    public static class ManyKeys {

        @Param({"10000"})
        public int manyKeyCount;

        private String[] keys;
        private ApiKeyVerifier verifier;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            KeyFormat format = KeyFormat.defaults();
            Map<String, KeyRecord> store = BenchApiKeys.store();
            keys = new String[manyKeyCount];
            for (int i = 0; i < manyKeyCount; i++) {
                keys[i] = format.generate().value();
                Map.Entry<String, KeyRecord> stored = BenchApiKeys.active(keys[i]);
                store.put(stored.getKey(), stored.getValue());
            }
            Collections.shuffle(Arrays.asList(keys), new Random(1));
            verifier = BenchApiKeys.verifier(store);
            for (String key : keys) {
                verifier.verify(key).block();
            }
        }

        String nextKey() {
            next = next + 1 == keys.length ? 0 : next + 1;
            return keys[next];
        }
    }

    private final KeyFormat format = KeyFormat.defaults();
    private String key;
    private ApiKeyVerifier apiKeys;
    private JwtVerifier jwtCached;
    private JwtVerifier jwtUncached;
    private String token;
    private String[] distinctTokens;
    private int next;
    private AuthenticationFilter filter;
    private IdentityHeadersFilter identityHeaders;
    private Route route;
    private Route publicRoute;
    private HttpServer jwksServer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        key = format.generate().value();
        Map<String, KeyRecord> store = BenchApiKeys.store();
        Map.Entry<String, KeyRecord> stored = BenchApiKeys.active(key);
        store.put(stored.getKey(), stored.getValue());
        apiKeys = BenchApiKeys.verifier(store);
        apiKeys.verify(key).block();

        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        byte[] jwks = ("{\"keys\":["
                        + Jwks.json(Jwks.builder()
                                .key((RSAPublicKey) pair.getPublic())
                                .id("k1")
                                .build()) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.start();
        JwtProperties settings = Settings.jwt(
                Map.of("jwks-uri", "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks"));
        JwksKeyStore store1 = new JwksKeyStore(
                org.springframework.web.reactive.function.client.WebClient.builder(),
                settings,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        store1.refresh().block();
        jwtCached = new JwtVerifier(
                settings,
                store1,
                new VerifiedTokenCache(
                        100_000,
                        Duration.ofMinutes(5),
                        Clock.systemUTC(),
                        Ticker.systemTicker(),
                        new SimpleMeterRegistry()),
                Clock.systemUTC());
        jwtUncached = new JwtVerifier(
                settings,
                store1,
                new VerifiedTokenCache(
                        0, Duration.ofMinutes(5), Clock.systemUTC(), Ticker.systemTicker(), new SimpleMeterRegistry()),
                Clock.systemUTC());
        token = Jwts.builder()
                .header()
                .keyId("k1")
                .and()
                .issuer("key-admin-service")
                .audience()
                .add("api-gateway")
                .and()
                .subject("user-1")
                .expiration(Date.from(Instant.now().plusSeconds(3600)))
                .signWith(pair.getPrivate(), Jwts.SIG.RS256)
                .compact();
        distinctTokens = new String[4096];
        for (int i = 0; i < distinctTokens.length; i++) {
            distinctTokens[i] = Jwts.builder()
                    .header()
                    .keyId("k1")
                    .and()
                    .issuer("key-admin-service")
                    .audience()
                    .add("api-gateway")
                    .and()
                    .subject("user-" + i)
                    .expiration(Date.from(Instant.now().plusSeconds(3600)))
                    .signWith(pair.getPrivate(), Jwts.SIG.RS256)
                    .compact();
        }
        if (!(jwtCached.verify(token).block() instanceof JwtCheck.Valid)) {
            throw new IllegalStateException("benchmark token does not verify");
        }
        filter = BenchFilter.create(apiKeys, jwtCached, settings);
        identityHeaders = BenchFilter.identityHeadersFilter();
        route = Route.async()
                .id("bench")
                .uri(URI.create("http://backend.invalid"))
                .predicate(e -> true)
                .build();
        publicRoute = Route.async()
                .id("public")
                .uri(URI.create("http://backend.invalid"))
                .predicate(e -> true)
                .metadata(AuthenticationFilter.ROUTE_AUTH_METADATA, "public")
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        jwksServer.stop(0);
    }

    @Benchmark
    public KeyCheck keyChecksum() {
        return format.check(key);
    }

    @Benchmark
    public String keySha256() {
        return KeyHasher.hash(key);
    }

    @Benchmark
    public Object apiKeyDecisionCached() {
        return apiKeys.verify(key).block();
    }

    /**
     * The same decision over {@link ManyKeys} cached keys in turn, as the harness's warm-key row sends
     * them: each read reaches a different key's entry, which the CPU caches may no longer hold.
     */
    @Benchmark
    public Object apiKeyDecisionCachedManyKeys(ManyKeys many) {
        return many.verifier.verify(many.nextKey()).block();
    }

    @Benchmark
    public Object jwtVerifyCached() {
        return jwtCached.verify(token).block();
    }

    /** A different token each time (4096 in turn) with no verified-token cache: the signature check. */
    @Benchmark
    public Object jwtVerifyUncached() {
        next = (next + 1) & 4095;
        return jwtUncached.verify(distinctTokens[next]).block();
    }

    /**
     * The filter on a public route: header stripping and exchange mutation only, the baseline. Both
     * filter benchmarks then run the identity header filter on empty headers (it sets the identity of
     * an authenticated caller as the request leaves; the framework's header filters are not included).
     */
    @Benchmark
    public HttpHeaders filterPublicRoute() {
        return runFilter(publicRoute);
    }

    /** The filter on an authenticated route with a cached key; minus the baseline, the cost of auth. */
    @Benchmark
    public HttpHeaders filterWithCachedKey() {
        return runFilter(route);
    }

    private HttpHeaders runFilter(Route target) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders")
                .header("x-api-key", key)
                .header("X-User-Id", "spoofed"));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, target);
        ServerWebExchange[] forwarded = new ServerWebExchange[1];
        filter.filter(exchange, e -> {
                    forwarded[0] = e;
                    return Mono.empty();
                })
                .block();
        return identityHeaders.filter(new HttpHeaders(), forwarded[0]);
    }
}
