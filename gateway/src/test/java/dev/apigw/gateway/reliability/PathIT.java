package dev.apigw.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.gateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #22 §1: the path that is routed and authenticated is the path the backend receives. Paths a
 * backend could read differently from the gateway (dot-segments, encoded separators, path parameters,
 * control characters, repeated slashes) are refused before routing, on every route; every other path
 * reaches the backend byte for byte, non-ASCII characters percent-encoded once. Sent raw, since
 * ordinary clients normalise such paths themselves.
 */
class PathIT extends GatewayIntegrationTest {

    /** Path suffixes refused after any route prefix; the backend would serve some as a path no route allows. */
    static final List<String> REFUSED = List.of(
            "/../x",
            "/./x",
            "/x/..",
            "/x/.",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/.%2e/x",
            "/%2e./x",
            "/%2e/x",
            "/x/..%2f..%2fx",
            "/%2e%2e%2fx",
            "/..%2Fx",
            "/..;/x",
            "/x;jsessionid=1",
            "/x%3bjsessionid=1",
            "/x%3B",
            "/..%5cx",
            "/..%5Cx",
            "/..\\x",
            "/x%00",
            "/x%0d%0aSet-Cookie:a=b",
            "/x%1f",
            "/x%7F",
            "/x\u0001",
            "//x",
            "/x//y");

    static Stream<Arguments> refusedOnEveryRoute() {
        return Stream.of("/api", "/public", "/nowhere")
                .flatMap(prefix -> REFUSED.stream().map(suffix -> Arguments.of(prefix + suffix)));
    }

    @ParameterizedTest
    @MethodSource("refusedOnEveryRoute")
    void pathsABackendCouldReadDifferentlyAre400AndNothingArrives(String path) throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                port, RawHttp.get(path, "x-api-key: " + KEYS.key().value(), "X-Request-Id: path-test"));

        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.header("Content-Type")).as(path).isEqualTo("application/problem+json");
        assertThat(response.body())
                .as(path)
                .contains("\"code\":\"invalid-path\"")
                .contains("\"request_id\":\"path-test\"");
        assertThat(DOWNSTREAM.backendRequests()).as(path).isEmpty();
    }

    /** The URI parser refuses these before any filter runs (an empty 400); {@code PathRule} would too. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/x%", "/api/x%2", "/api/x%zz", "/public/x%zz"})
    void malformedEscapesAre400AndNothingArrives(String path) throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                port, RawHttp.get(path, "x-api-key: " + KEYS.key().value()));

        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(DOWNSTREAM.backendRequests()).as(path).isEmpty();
    }

    @Test
    void theDenyRouteCannotBeReachedThroughARepeatedSlash() throws IOException {
        // /api/auth/** is routed to key-admin-service in production; "//" once took the backend route.
        RawHttp.Response response = RawHttp.exchange(
                port,
                RawHttp.get("/api//auth/apikeys", "x-api-key: " + KEYS.key().value()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(DOWNSTREAM.backendRequests()).isEmpty();
    }

    static Stream<Arguments> cleanPaths() {
        return Stream.of(
                Arguments.of("/api/orders/42", "/api/orders/42"),
                Arguments.of("/api/orders/", "/api/orders/"),
                Arguments.of("/api/orders/a%20b", "/api/orders/a%20b"),
                Arguments.of("/api/orders/caf%C3%A9", "/api/orders/caf%C3%A9"),
                Arguments.of("/api/orders/café", "/api/orders/caf%C3%A9"),
                Arguments.of("/api/orders/ā", "/api/orders/%C4%81"),
                Arguments.of("/api/orders/file.json", "/api/orders/file.json"),
                Arguments.of("/api/orders/.hidden/a..b", "/api/orders/.hidden/a..b"),
                Arguments.of("/api/orders/a%2Eb", "/api/orders/a%2Eb"),
                Arguments.of("/api/orders/100%25", "/api/orders/100%25"),
                Arguments.of("/api/orders/a:b@c!$&'()*+,=-_~", "/api/orders/a:b@c!$&'()*+,=-_~"),
                Arguments.of("/api/orders?q=a%2F..%2Fb;c", "/api/orders?q=a%2F..%2Fb;c"),
                Arguments.of("/api/orders/a%20b?q=café", "/api/orders/a%20b?q=caf%C3%A9"),
                Arguments.of("/public/caf%C3%A9", "/public/caf%C3%A9"),
                Arguments.of("/public/café?q=é", "/public/caf%C3%A9?q=%C3%A9"));
    }

    @ParameterizedTest
    @MethodSource("cleanPaths")
    void cleanPathsReachTheBackendExactly(String sent, String received) throws IOException {
        RawHttp.Response response = RawHttp.exchange(
                port, RawHttp.getUtf8(sent, "x-api-key: " + KEYS.key().value()));

        assertThat(response.status()).as(sent).isEqualTo(200);
        List<LoggedRequest> requests = DOWNSTREAM.backendRequests();
        assertThat(requests).as(sent).hasSize(1);
        assertThat(requests.get(0).getUrl()).as(sent).isEqualTo(received);
    }

    @Test
    void aCleanPathWithoutARouteIsStill404() throws IOException {
        RawHttp.Response response = RawHttp.exchange(port, RawHttp.get("/nowhere/x"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"not-found\"");
    }
}
