package dev.apigw.gateway.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.RevocationProperties;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.keycore.KeyHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Builds the real key verifier over an in-memory "database", for in-process benchmarks only. */
public final class BenchApiKeys {

    private BenchApiKeys() {
    }

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
        ApiKeyProperties settings = new ApiKeyProperties("x-api-key", "gwk", 100_000, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(10), 8, 256, 50, Duration.ofSeconds(2), Duration.ofSeconds(5));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LastUsedRecorder lastUsed = new LastUsedRecorder(null, new RevocationProperties("api_key_changes",
                Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(60)), Clock.systemUTC(), meters);
        KnownKeys known = new KnownKeys(settings, Ticker.systemTicker(), meters);
        byHash.keySet().forEach(known::add);
        known.loaded();
        ApiKeyCache cache = new ApiKeyCache(repository, known, settings, Ticker.systemTicker(), meters);
        return new ApiKeyVerifier(KeyFormat.defaults(), known, cache, lastUsed, Clock.systemUTC());
    }

    /** A stored, active key for {@code value}. */
    public static Map.Entry<String, KeyRecord> active(String value) {
        return Map.entry(KeyHasher.hash(value), new KeyRecord(UUID.randomUUID(), UUID.randomUUID(), false, null, true));
    }

    public static Map<String, KeyRecord> store() {
        return new ConcurrentHashMap<>();
    }
}
