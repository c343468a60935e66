package dev.apigw.gateway.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.config.JwtProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    @Nullable
    JwksKeyStore jwksKeyStore(JwtProperties settings, Clock clock, MeterRegistry meters) {
        return settings.enabled() && settings.jwksUri() != null
                ? new JwksKeyStore(WebClient.builder(), settings, clock, meters)
                : null;
    }

    @Bean
    JwksRefresher jwksRefresher(ObjectProvider<JwksKeyStore> store) {
        return new JwksRefresher(store.getIfAvailable());
    }

    @Bean
    VerifiedTokenCache verifiedTokenCache(JwtProperties settings, Clock clock, Ticker ticker, MeterRegistry meters) {
        return new VerifiedTokenCache(
                settings.verifiedCacheMaxSize(), settings.verifiedCacheMaxTtl(), clock, ticker, meters);
    }

    @Bean
    JwtVerifier jwtVerifier(
            JwtProperties settings, ObjectProvider<JwksKeyStore> store, VerifiedTokenCache verified, Clock clock) {
        return new JwtVerifier(settings, store.getIfAvailable(), verified, clock);
    }
}
