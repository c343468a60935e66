package dev.apigw.gateway.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.apigw.gateway.config.JwtProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    /** The keys of the issuer configured at the top of {@code gateway.auth.jwt}, when it uses a JWKS. */
    @Bean
    @Nullable
    JwksKeyStore jwksKeyStore(JwtProperties settings, Clock clock, MeterRegistry meters) {
        return settings.enabled() && settings.jwksUri() != null
                ? new JwksKeyStore(WebClient.builder(), settings, clock, meters)
                : null;
    }

    /** The issuers listed under {@code gateway.auth.jwt.issuers}, each with a key store of its own. */
    @Bean
    OtherIssuers otherIssuers(JwtProperties settings, Clock clock, MeterRegistry meters) {
        List<JwksKeyStore> stores = new ArrayList<>();
        List<IssuerVerifier> verifiers = new ArrayList<>();
        if (settings.enabled()) {
            for (JwtProperties.Issuer issuer : settings.issuers()) {
                JwksKeyStore store = new JwksKeyStore(WebClient.builder(), settings, issuer, clock, meters);
                stores.add(store);
                verifiers.add(IssuerVerifier.other(settings, issuer, store, clock));
            }
        }
        return new OtherIssuers(List.copyOf(verifiers), List.copyOf(stores));
    }

    @Bean
    JwksRefresher jwksRefresher(ObjectProvider<JwksKeyStore> store, OtherIssuers others) {
        List<JwksKeyStore> all = new ArrayList<>(others.stores());
        JwksKeyStore primary = store.getIfAvailable();
        if (primary != null) {
            all.add(0, primary);
        }
        return new JwksRefresher(all);
    }

    @Bean
    VerifiedTokenCache verifiedTokenCache(JwtProperties settings, Clock clock, Ticker ticker, MeterRegistry meters) {
        return new VerifiedTokenCache(
                settings.verifiedCacheMaxSize(), settings.verifiedCacheMaxTtl(), clock, ticker, meters);
    }

    @Bean
    JwtVerifier jwtVerifier(
            JwtProperties settings,
            ObjectProvider<JwksKeyStore> store,
            OtherIssuers others,
            VerifiedTokenCache verified,
            Clock clock) {
        List<IssuerVerifier> issuers = new ArrayList<>();
        issuers.add(IssuerVerifier.primary(settings, store.getIfAvailable(), clock));
        issuers.addAll(others.verifiers());
        return JwtVerifier.of(settings, issuers, verified, clock);
    }

    /** The verifiers and key stores of the issuers beyond the first. */
    record OtherIssuers(List<IssuerVerifier> verifiers, List<JwksKeyStore> stores) {}
}
