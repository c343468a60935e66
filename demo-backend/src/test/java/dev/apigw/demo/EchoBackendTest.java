package dev.apigw.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EchoBackendTest {

    private final HttpServer server = start();
    private final HttpClient client = HttpClient.newHttpClient();

    private static HttpServer start() {
        try {
            return EchoBackend.start(new InetSocketAddress("127.0.0.1", 0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void echoesIdentityHeadersAndHidesCredentials() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/api/hello"))
                        .header("X-User-Id", "u-1")
                        .header("X-Auth-Method", "api_key")
                        .header("x-api-key", "gwk_secret")
                        .header("X-Other", "not shown")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"x-user-id\":\"u-1\"")
                .contains("\"x-auth-method\":\"api_key\"")
                .contains("\"x-api-key\":\"<present>\"")
                .doesNotContain("gwk_secret")
                .doesNotContain("x-other")
                .contains("\"path\":\"/api/hello\"");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}\n");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
