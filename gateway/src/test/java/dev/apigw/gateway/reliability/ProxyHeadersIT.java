package dev.apigw.gateway.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.gateway.proxy.ResponseHopByHopFilter;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

/**
 * The headers that stop at the gateway, now that its own rules stand in for three of Spring Cloud
 * Gateway's header filters: hop-by-hop headers in both directions, and a client's forwarding headers.
 */
class ProxyHeadersIT extends GatewayIntegrationTest {

    private static final String[] HOP_BY_HOP_REQUEST = {
        "Connection: close, X-Per-Connection",
        "X-Per-Connection: dropped because Connection names it",
        "Keep-Alive: timeout=5",
        "TE: trailers",
        "Trailer: X-Checksum",
        "Proxy-Authorization: Basic cHJveHk6c2VjcmV0",
        "X-Application-Context: app:1",
        "X-Kept: kept"
    };

    @Autowired
    NettyRoutingFilter routing;

    @ParameterizedTest
    @ValueSource(strings = {"/public/hop", "/api/hop"})
    void hopByHopRequestHeadersNeverReachTheBackend(String path) throws Exception {
        String[] headers = path.startsWith("/api/") ? withKey(HOP_BY_HOP_REQUEST) : HOP_BY_HOP_REQUEST;

        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get(path, headers));

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest received = onlyBackendRequest();
        assertThat(received.getHeader("X-Kept")).isEqualTo("kept");
        assertThat(received.getHeaders().keys())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .doesNotContain(
                        "x-per-connection",
                        "keep-alive",
                        "te",
                        "trailer",
                        "proxy-authorization",
                        "x-application-context");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/forwarded", "/api/forwarded"})
    void aClientsForwardingHeadersNeverReachTheBackend(String path) throws Exception {
        String[] claims = {
            "Forwarded: for=10.0.0.4;proto=https",
            "X-Forwarded-For: 10.0.0.3",
            "X-Forwarded-Host: bank.example",
            "X-Forwarded-Proto: https",
            "X-Forwarded-Prefix: /admin",
            "x_forwarded_port: 443"
        };
        String[] headers = path.startsWith("/api/") ? withKey(claims) : claims;

        assertThat(RawHttp.exchange(port, RawHttp.get(path, headers)).status()).isEqualTo(200);

        assertThat(onlyBackendRequest().getHeaders().keys())
                .map(name -> name.toLowerCase(Locale.ROOT).replace('_', '-'))
                .noneMatch(name -> name.startsWith("x-forwarded-") || name.equals("forwarded"));
    }

    @Test
    void hopByHopResponseHeadersNeverReachTheClient() throws Exception {
        DOWNSTREAM
                .server()
                .stubFor(any(urlPathEqualTo("/public/hop-response"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Proxy-Authenticate", "Basic realm=\"upstream\"")
                                .withHeader("X-Application-Context", "backend:8090")
                                .withHeader("Keep-Alive", "timeout=99")
                                .withHeader("X-Kept", "kept")
                                .withBody("ok")));

        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get("/public/hop-response"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Kept")).isEqualTo("kept");
        assertThat(response.header("Proxy-Authenticate")).isNull();
        assertThat(response.header("X-Application-Context")).isNull();
        assertThat(response.header("Keep-Alive")).isNull();
    }

    @Test
    void theFrameworksCopyingHeaderFiltersAreReplacedNotDoubled() {
        List<HttpHeadersFilter> filters = routing.getHeadersFilters();

        assertThat(filters)
                .noneMatch(RemoveHopByHopHeadersFilter.class::isInstance)
                .noneMatch(RemoveForwardedHeadersFilter.class::isInstance)
                .noneMatch(RemoveXForwardedHeadersFilter.class::isInstance)
                .filteredOn(ResponseHopByHopFilter.class::isInstance)
                .hasSize(1);
    }

    private static LoggedRequest onlyBackendRequest() {
        List<LoggedRequest> received = DOWNSTREAM.backendRequests();
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String[] withKey(String[] headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "x-api-key: " + KEYS.key().value();
        return all;
    }
}
