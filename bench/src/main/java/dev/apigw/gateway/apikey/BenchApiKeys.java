package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.support.Settings;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Builds the real key verifier over an in-memory "database", for in-process benchmarks only. */
public final class BenchApiKeys {

    private BenchApiKeys() {}

    public static ApiKeyVerifier verifier(Map<String, KeyRecord> byHash) {
        ApiKeyRepository repository = new ApiKeyRepository(null) {
            @Override
            Mono<Map<String, KeyRecord>> findByHashes(Collection<String> hashes) {
                Map<String, KeyRecord> found = new HashMap<>();
                hashes.forEach(hash -> {
                    KeyRecord key = byHash.get(hash);
                    if (key != null) {
                        found.put(hash, key);
                    }
                });
                return Mono.just(found);
            }
        };
        ApiKeyProperties settings = Settings.apiKeys(Map.of("cache-max-size", "100000"));
        ApiKeyMetrics meters = new ApiKeyMetrics(new SimpleMeterRegistry());
        LastUsedRecorder lastUsed = new LastUsedRecorder(null, Settings.revocation(), Clock.systemUTC(), meters);
        KnownKeys known = new KnownKeys(settings, Ticker.systemTicker(), meters);
        byHash.keySet().forEach(known::add);
        known.loaded();
        ApiKeyCache cache = new ApiKeyCache(repository, known, settings, Ticker.systemTicker(), meters);
        return new ApiKeyVerifier(
                KeyFormat.defaults(), known, cache, lastUsed, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** A stored, active key for {@code value}. */
    public static Map.Entry<String, KeyRecord> active(String value) {
        return Map.entry(KeyHasher.hash(value), new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true));
    }

    public static Map<String, KeyRecord> store() {
        return new ConcurrentHashMap<>();
    }
}
