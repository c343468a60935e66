package dev.apigw.gateway.limiter;

import dev.apigw.keycore.limits.LimitKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Decides in Redis, shared by every gateway: one {@code EVALSHA} of {@code scripts/limit_decision.lua}
 * per decision, which checks every policy of the caller and counts the request in all of them only if
 * all admit it, on Redis's own clock. The caller's counters share one hash tag ({@link LimitKeys}), so
 * the script runs on a Redis Cluster too.
 *
 * <p>Thread-safe. The {@code Mono} signals the store's errors as they are (connection refused,
 * timeouts of the client); it sets no timeout of its own: {@link FailoverLimiter} does.
 */
public final class RedisLimiter implements Limiter {

    /**
     * The script's text, read once. A script made from a {@code Resource} asks the file system for its
     * last-modified time on every execution (to reload an edited script): synchronous I/O on the event
     * loop, and ~7.6 KB and tens of microseconds per request, measured with bench/profile.sh.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(text("scripts/limit_decision.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final LimitKeys keys;

    public RedisLimiter(ReactiveStringRedisTemplate redis, LimitKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    private static String text(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public Mono<Decision> decide(String caller, List<Policy> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies must not be empty");
        }
        List<String> counters = new ArrayList<>(policies.size());
        List<String> args = new ArrayList<>(policies.size() * 4);
        for (Policy policy : policies) {
            counters.add(keys.counter(caller, policy.name()));
            if (policy instanceof Policy.Rate rate) {
                args.add("rate");
                args.add(Long.toString(rate.limit()));
                args.add(Long.toString(rate.window().toMillis()));
                args.add(Long.toString(rate.burst()));
            } else {
                Policy.Quota quota = (Policy.Quota) policy;
                args.add(quota.period().policyName());
                args.add(Long.toString(quota.limit()));
                args.add("0");
                args.add("0");
            }
        }
        return redis.execute(SCRIPT, counters, args).next().map(result -> decision(policies, result));
    }

    /**
     * Connects and loads the script, so that the first decision does not pay for both (and, on a
     * slow start, time out): call once at start-up and subscribe; errors are left to the caller.
     */
    public Mono<Void> warmUp() {
        return redis.execute(SCRIPT, List.of(), List.of()).then(); // no policies: counts nothing
    }

    private static Decision decision(List<Policy> policies, List<?> result) {
        if (result.size() != 1 + 3 * policies.size()) {
            throw new IllegalStateException("the limit script answered " + result.size() + " values");
        }
        List<PolicyState> states = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            states.add(new PolicyState(
                    policies.get(i),
                    number(result.get(1 + 3 * i)),
                    Duration.ofMillis(number(result.get(2 + 3 * i))),
                    Duration.ofMillis(number(result.get(3 + 3 * i)))));
        }
        boolean admitted = number(result.get(0)) == 1;
        return new Decision(admitted ? Decision.Verdict.ADMITTED : Decision.Verdict.REFUSED, states, false);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
