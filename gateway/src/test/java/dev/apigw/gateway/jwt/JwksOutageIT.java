package dev.apigw.gateway.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.apigw.gateway.support.Downstream;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The JWKS endpoint failing or hanging: known keys keep working and no request waits on it for long. */
class JwksOutageIT extends GatewayIntegrationTest {

    @Autowired
    JwksKeyStore store;

    @Test
    void knownKeysKeepWorkingWhenTheJwksEndpointFails() {
        store.refresh().block();
        DOWNSTREAM
                .server()
                .stubFor(get(urlEqualTo(Downstream.JWKS_PATH))
                        .atPriority(0)
                        .willReturn(aResponse().withStatus(500)));

        store.refresh().block();

        client.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.token("u1", Instant.now()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void hangingJwksEndpointDoesNotHangRequestsWithUnknownKids() {
        store.refresh().block();
        DOWNSTREAM
                .server()
                .stubFor(get(urlEqualTo(Downstream.JWKS_PATH))
                        .atPriority(0)
                        .willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
        String unknownKid = TOKENS.sign(TOKENS.claims("u2", Instant.now())
                .header()
                .keyId("rotated-away")
                .and());

        // The WebTestClient's 10 s response timeout fails the test if the gateway waits on the JWKS.
        client.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + unknownKid)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.token("u3", Instant.now()))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
