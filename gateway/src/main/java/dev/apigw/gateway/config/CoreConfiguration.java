package dev.apigw.gateway.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.keycore.KeyFormat;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time (wall clock for expiry decisions, ticker for cache ages) and the key format, injected everywhere. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Ticker ticker() {
        return Ticker.systemTicker();
    }

    @Bean
    KeyFormat keyFormat(ApiKeyProperties apiKeys) {
        return new KeyFormat(apiKeys.type(), KeyFormat.DEFAULT_SECRET_LENGTH);
    }
}
