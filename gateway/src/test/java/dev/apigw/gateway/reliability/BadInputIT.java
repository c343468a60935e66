package dev.apigw.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import dev.apigw.gateway.support.TestKeys.StoredKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Hostile input at the gateway: a clear 4xx or a bounded close, never a 5xx, never a hang. */
@TestPropertySource(properties = "server.netty.idle-timeout=2s")
class BadInputIT extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    dev.apigw.gateway.apikey.ApiKeyCache cache;

    @Test
    void oversizedHeaderIs431() throws IOException {
        assertThat(RawHttp.status(port, RawHttp.get("/api/orders", "x-api-key: gwk_" + "a".repeat(20_000))))
                .isEqualTo(431);
    }

    @Test
    void oversizedBearerTokenIsRejectedUnparsed() throws IOException {
        assertThat(RawHttp.status(port, RawHttp.get("/api/orders", "Authorization: Bearer " + "e".repeat(12_000))))
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gwk_\u0001\u0002\u0003aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "gwk_ééééééééééééééééééééééééééééééééééééé",
                "gwk_' OR '1'='1'; DROP TABLE api_keys; --",
                "gwk_\tAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "%00%00%00",
                "\u00ff\u00fe",
                "gwk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void hostileKeysAreRejectedWithoutADatabaseLookup(String key) throws IOException {
        cache.invalidateAll(); // no cached key of another test may be re-checked meanwhile
        long lookups = meters.timer("gateway.auth.apikey.lookup").count();

        int status = RawHttp.status(port, RawHttp.get("/api/orders", "x-api-key: " + key));

        assertThat(status).isIn(400, 401);
        assertThat(meters.timer("gateway.auth.apikey.lookup").count()).isEqualTo(lookups);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void duplicateHeadersSentRawAreRefused() throws IOException {
        StoredKey key = KEYS.key();

        assertThat(RawHttp.status(
                        port, RawHttp.get("/api/orders", "x-api-key: " + key.value(), "X-API-KEY: " + key.value())))
                .isEqualTo(400);
        assertThat(RawHttp.status(
                        port,
                        RawHttp.get(
                                "/api/orders",
                                "x-api-key: " + key.value(),
                                "Authorization: Bearer a",
                                "authorization: Bearer b")))
                .isEqualTo(400);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void headerInjectionThroughTheKeyIsImpossible() throws IOException {
        // A bare CR inside a header value is not a line break; either way nothing must reach the backend.
        int status = RawHttp.status(port, RawHttp.get("/api/orders", "x-api-key: gwk_abc\rX-User-Id: admin"));

        assertThat(status).isIn(400, 401);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    @Test
    void slowClientIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream()
                    .write("GET /api/orders HTTP/1.1\r\nHost: localhost\r\nx-api-k"
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();

            int read = in.read(); // blocks until the server gives up on us; the 15 s socket timeout bounds the test
            while (read != -1) {
                read = in.read();
            }

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void malformedRequestLineIs400() throws IOException {
        assertThat(RawHttp.status(port, "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isIn(400, -1);
    }
}
