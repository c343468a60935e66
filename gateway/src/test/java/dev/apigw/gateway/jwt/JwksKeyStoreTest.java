package dev.apigw.gateway.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.support.Settings;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Fetching, keeping and re-fetching the JWKS, with WireMock as the endpoint and a hand-moved clock. */
class JwksKeyStoreTest {

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final TestTokens tokens = new TestTokens();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final JwksKeyStore store;

    JwksKeyStoreTest() {
        server.start();
        JwtProperties settings = Settings.jwt(
                Map.of("jwks-uri", "http://localhost:" + server.port() + "/jwks", "verified-cache-max-size", "100"));
        store = new JwksKeyStore(WebClient.builder(), settings, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void fetchedRsaKeysAreFoundByKid() {
        serve(200, tokens.jwksJson());

        assertThat(store.refresh().block()).isTrue();

        assertThat(store.key(tokens.kid())).isEqualTo(tokens.pair().getPublic());
        assertThat(store.key("other")).isNull();
        assertThat(store.key(null)).isNull();
    }

    @Test
    void lastGoodKeysAreKeptWhenTheEndpointFailsOrServesGarbage() {
        serve(200, tokens.jwksJson());
        store.refresh().block();

        serve(500, "oops");
        assertThat(store.refresh().block()).isFalse();
        serve(200, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"hmac\"}]}");
        assertThat(store.refresh().block()).isFalse();
        serve(200, "not json");
        assertThat(store.refresh().block()).isFalse();

        assertThat(store.key(tokens.kid())).isNotNull();
        assertThat(store.key("hmac")).isNull();
    }

    @Test
    void unknownKidRefreshesAtMostOncePerCooldown() {
        serve(200, tokens.jwksJson());
        store.refresh().block();

        for (int i = 0; i < 10; i++) {
            assertThat(store.refreshIfAllowed().block()).isFalse();
        }
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.refreshIfAllowed().block()).isTrue();
        assertThat(store.refreshIfAllowed().block()).isFalse();

        server.verify(2, getRequestedFor(urlEqualTo("/jwks")));
    }

    @Test
    void scheduleRetriesEverySecondUntilTheFirstKeysThenWaitsTheInterval() {
        serve(503, "down");
        assertThat(store.refreshIfDue().block()).isFalse();
        assertThat(store.refreshIfDue().block()).as("within the second").isFalse();
        clock.advance(Duration.ofSeconds(1));
        serve(200, tokens.jwksJson());
        assertThat(store.refreshIfDue().block()).isTrue();

        clock.advance(Duration.ofMinutes(4));
        assertThat(store.refreshIfDue().block()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.refreshIfDue().block()).isTrue();

        server.verify(3, getRequestedFor(urlEqualTo("/jwks")));
    }

    private void serve(int status, String body) {
        server.resetMappings();
        server.stubFor(get(urlEqualTo("/jwks"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }
}
