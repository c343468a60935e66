package dev.apigw.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.config.RateLimitProperties;
import dev.apigw.gateway.limiter.FailoverLimiter;
import dev.apigw.gateway.limiter.Limiter;
import dev.apigw.gateway.limiter.LocalLimiter;
import dev.apigw.gateway.limiter.RedisLimiter;
import dev.apigw.gateway.problem.ProblemWriter;
import dev.apigw.gateway.server.EventLoops;
import dev.apigw.gateway.server.SharedEventLoops;
import dev.apigw.keycore.limits.LimitKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EpollProvider;
import io.lettuce.core.resource.IOUringProvider;
import io.lettuce.core.resource.KqueueProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * The limiter the settings ask for: in memory ({@code store: local}), or Redis behind the failover
 * circuit with the in-memory limiter as its fallback ({@code store: redis}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    /** A quota's window is at most a month: an idle caller's local counters are kept that long. */
    private static final Duration LOCAL_IDLE = Duration.ofDays(32);

    @Bean
    LocalLimiter localLimiter(Clock clock, RateLimitProperties settings) {
        return new LocalLimiter(clock, settings.localMaxCallers(), LOCAL_IDLE);
    }

    @Bean
    @ConditionalOnProperty(name = "gateway.rate-limit.store", havingValue = "redis")
    FailoverLimiter failoverLimiter(
            RateLimitProperties settings,
            LocalLimiter local,
            ObjectProvider<ReactiveStringRedisTemplate> redis,
            Ticker ticker) {
        RedisLimiter shared = new RedisLimiter(redis.getObject(), new LimitKeys(settings.keyPrefix()));
        shared.warmUp()
                .subscribe(
                        ok -> {},
                        error -> log.warn(
                                "Rate-limit store not reachable at start ({}); the first decisions will try it again",
                                error.toString()));
        return new FailoverLimiter(
                shared, local, settings.failOpen(), settings.redisTimeout(), settings.retryInterval(), ticker);
    }

    /**
     * A command issued while the connection is down fails at once instead of queueing until it returns:
     * the failover circuit, not Lettuce's buffer, decides what happens meanwhile.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce reconnects with a delay that grows to 30 s by default; capped at half a second here, so
     * the gateway is back on Redis within about a second of its return, not after the outage's length.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectSoon() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS));
    }

    /**
     * Lettuce on the gateway's event loops (see {@link SharedEventLoops}) when both use the same
     * transport; its own loops otherwise. Lettuce prefers io_uring when its jar is present, which Reactor
     * Netty's native loops need not be: then it keeps its own.
     */
    @Bean
    ClientResourcesBuilderCustomizer shareEventLoops() {
        return resources -> {
            boolean loopsNative = LoopResources.hasNativeSupport();
            if (!IOUringProvider.isAvailable()
                    && SharedEventLoops.sameTransport(
                            loopsNative, EpollProvider.isAvailable() || KqueueProvider.isAvailable())) {
                resources.eventLoopGroupProvider(new SharedEventLoops(
                        () -> HttpResources.get().onClient(loopsNative),
                        Integer.getInteger(
                                EventLoops.PROPERTY, Runtime.getRuntime().availableProcessors())));
            }
        };
    }

    @Bean
    RateLimitFilter rateLimitFilter(
            RateLimitProperties settings,
            LocalLimiter local,
            ObjectProvider<FailoverLimiter> failover,
            ProblemWriter problems,
            MeterRegistry meters,
            Clock clock) {
        FailoverLimiter shared = failover.getIfAvailable();
        Limiter limiter = shared != null ? shared : local;
        return new RateLimitFilter(
                new LimitPlanner(new RouteLimits(), settings.defaults()),
                limiter,
                problems,
                new RateLimitMetrics(meters, shared),
                clock,
                settings);
    }

    @Bean
    RateLimitHealth rateLimitHealthIndicator(RateLimitProperties settings, ObjectProvider<FailoverLimiter> failover) {
        return new RateLimitHealth(failover.getIfAvailable(), settings.failOpen());
    }
}
