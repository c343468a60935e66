package dev.apigw.keyadmin.limits;

import dev.apigw.keycore.limits.LimitKeys;
import dev.apigw.keycore.limits.QuotaPeriod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a key's quota counters where the gateways keep them: the hash {@code {w, n}} under
 * {@link LimitKeys#counter}, counting in window {@code w}. A counter of an earlier window counts as 0.
 * Emits an empty list of windows when no counter exists, and nothing (empty) when usage cannot be read:
 * no shared store, or it did not answer within {@code redis-timeout}.
 */
@Component
class UsageReader {

    private static final Logger log = LoggerFactory.getLogger(UsageReader.class);

    private final @Nullable ReactiveStringRedisTemplate redis;
    private final LimitKeys keys;
    private final LimitsSettings settings;
    private final Clock clock;

    UsageReader(LimitsSettings settings, ObjectProvider<ReactiveStringRedisTemplate> redis, Clock clock) {
        this.settings = settings;
        this.redis = settings.redis() ? redis.getIfAvailable() : null;
        this.keys = new LimitKeys(settings.keyPrefix());
        this.clock = clock;
    }

    /** The current windows' counts, for every period that has a counter or is {@code always}. */
    Mono<List<UsageView.Window>> read(UUID keyId, @Nullable QuotaPeriod always) {
        ReactiveStringRedisTemplate store = redis;
        if (store == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        String caller = LimitKeys.keyCaller(keyId);
        List<Mono<UsageView.Window>> reads = new ArrayList<>();
        for (QuotaPeriod period : QuotaPeriod.values()) {
            String counter = keys.counter(caller, period.policyName());
            reads.add(store.<String, String>opsForHash()
                    .multiGet(counter, List.of("w", "n"))
                    .flatMap(values -> {
                        long used = String.valueOf(period.windowId(now)).equals(values.get(0)) && values.get(1) != null
                                ? Long.parseLong(values.get(1))
                                : -1;
                        if (used < 0 && period != always) {
                            return Mono.empty();
                        }
                        return Mono.just(
                                new UsageView.Window(period.policyName(), Math.max(used, 0), period.windowEnd(now)));
                    }));
        }
        return Mono.zipDelayError(
                        reads.get(0).map(List::of).defaultIfEmpty(List.of()),
                        reads.get(1).map(List::of).defaultIfEmpty(List.of()))
                .map(both -> {
                    List<UsageView.Window> windows = new ArrayList<>(both.getT1());
                    windows.addAll(both.getT2());
                    return windows;
                })
                .timeout(settings.redisTimeout())
                .onErrorResume(error -> {
                    log.warn("Usage of key {} not readable from Redis: {}", keyId, error.toString());
                    return Mono.empty();
                });
    }
}
