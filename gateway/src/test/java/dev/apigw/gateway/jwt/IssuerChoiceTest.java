package dev.apigw.gateway.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.support.FakeTicker;
import dev.apigw.gateway.support.Settings;
import dev.apigw.gateway.support.TestTokens;
import dev.apigw.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Two issuers, each with a key store that has fetched nothing yet (so an unknown kid would fetch at
 * once): a token's {@code iss} decides whose keys are fetched, and a token naming neither fetches none.
 */
class IssuerChoiceTest {

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final TestTokens ours = new TestTokens();
    private final TestTokens theirs;
    private final JwtVerifier verifier;

    IssuerChoiceTest() {
        server.start();
        theirs = new TestTokens("http://localhost:" + server.port() + "/idp", "orders-api");
        server.stubFor(get(urlEqualTo("/ours/jwks")).willReturn(aResponse().withBody(ours.jwksJson())));
        server.stubFor(get(urlEqualTo("/idp/jwks")).willReturn(aResponse().withBody(theirs.jwksJson())));
        server.stubFor(get(urlEqualTo("/idp/.well-known/openid-configuration"))
                .willReturn(aResponse()
                        .withBody("{\"issuer\":\"" + theirs.issuer() + "\",\"jwks_uri\":\"http://localhost:"
                                + server.port() + "/idp/jwks\"}")));
        JwtProperties settings = Settings.jwt(Map.of(
                "jwks-uri",
                "http://localhost:" + server.port() + "/ours/jwks",
                "issuers[0].issuer",
                theirs.issuer(),
                "issuers[0].audience",
                "orders-api",
                "issuers[0].scope-claim",
                "scp",
                // The first fetches set up the HTTP client: on a busy machine that can take seconds.
                "jwks-timeout",
                "20s"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JwksKeyStore ourKeys = new JwksKeyStore(WebClient.builder(), settings, clock, meters);
        JwksKeyStore theirKeys = new JwksKeyStore(
                WebClient.builder(), settings, settings.issuers().get(0), clock, meters);
        verifier = JwtVerifier.of(
                settings,
                List.of(
                        IssuerVerifier.primary(settings, ourKeys, clock),
                        IssuerVerifier.other(settings, settings.issuers().get(0), theirKeys, clock)),
                new VerifiedTokenCache(100, Duration.ofMinutes(5), clock, new FakeTicker(), meters),
                clock);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aTokenNamingNoConfiguredIssuerFetchesNothing() {
        String token = ours.sign(ours.claims("u", clock.instant()).issuer("https://evil.example"));

        assertThat(verifier.verify(token).block()).isInstanceOf(JwtCheck.Invalid.class);

        server.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsNotFollowed() {
        server.stubFor(get(urlEqualTo("/idp/.well-known/openid-configuration"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withBody("{\"issuer\":\"https://someone-else.example\",\"jwks_uri\":\"http://localhost:"
                                + server.port() + "/idp/jwks\"}")));

        JwtCheck check = verifier.verify(theirs.sign(theirs.claims("p", clock.instant())))
                .block();

        assertThat(check).isInstanceOf(JwtCheck.Invalid.class);
        server.verify(0, getRequestedFor(urlEqualTo("/idp/jwks")));
    }

    @Test
    void eachIssuersTokenFetchesOnlyItsOwnKeysAndVerifiesWithThem() {
        JwtCheck theirCheck = verifier.verify(
                        theirs.sign(theirs.claims("p", clock.instant()).claim("scp", List.of("reports:read"))))
                .block();

        assertThat(theirCheck).isInstanceOfSatisfying(JwtCheck.Valid.class, valid -> {
            assertThat(valid.scopes().headerValue()).isEqualTo("reports:read");
            assertThat(valid.subjectIsUser()).isFalse();
        });
        server.verify(0, getRequestedFor(urlEqualTo("/ours/jwks")));
        server.verify(1, getRequestedFor(urlEqualTo("/idp/jwks")));

        assertThat(verifier.verify(ours.token("u", clock.instant())).block())
                .isInstanceOfSatisfying(
                        JwtCheck.Valid.class,
                        valid -> assertThat(valid.subjectIsUser()).isTrue());
        server.verify(1, getRequestedFor(urlEqualTo("/ours/jwks")));
    }
}
