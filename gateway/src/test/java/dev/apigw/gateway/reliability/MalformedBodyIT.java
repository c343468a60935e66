package dev.apigw.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue #22 §5: a request body that fails to decode is the client's error (400), and the backend never
 * receives the request as if it were complete: the gateway aborts the request it was forwarding. No
 * stack trace is logged for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedBodyIT extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "zz\r\nabc\r\n0\r\n\r\n", // a chunk size that is not hex
                "3\r\nabcdef\r\n0\r\n\r\n", // a chunk longer than declared: "abc" goes, then "def" is no size
                "5\r\nabcde\r\nQQ\r\n" // a good chunk, then garbage where the next size belongs
            })
    void aBrokenChunkedBodyIs400AndNeverReachesTheBackendAsComplete(String body, CapturedOutput output)
            throws IOException, InterruptedException {
        String request = "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nx-api-key: "
                + KEYS.key().value()
                + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body;

        RawHttp.Response response = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(response.status()).isEqualTo(400);
        Thread.sleep(1_000); // nothing to wait for: give a wrongly completed request the time to arrive
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
        assertThat(output.getAll())
                .doesNotContain("Status and headers already sent")
                .doesNotContain("\tat ");
    }
}
