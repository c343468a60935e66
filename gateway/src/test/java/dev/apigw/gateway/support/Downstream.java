package dev.apigw.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.testsupport.TestDatabase;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * WireMock playing both the backend behind the gateway and the identity provider's JWKS endpoint,
 * plus the route table the gateway tests run with.
 */
public final class Downstream {

    public static final String JWKS_PATH = "/.well-known/jwks.json";
    /** Where the second identity provider lives: its issuer is this URL, found by OIDC discovery. */
    public static final String OTHER_IDP_PATH = "/idp2";
    /** The audience the second identity provider's tokens must carry for the gateway. */
    public static final String OTHER_AUDIENCE = "orders-api";

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final TestTokens tokens;
    private final TestTokens otherIssuer;

    public Downstream(TestTokens tokens) {
        this.tokens = tokens;
        server.start();
        this.otherIssuer = new TestTokens(url(OTHER_IDP_PATH), OTHER_AUDIENCE);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        reset();
    }

    /** Forgets recorded requests and stubs: the backend answers 200, the JWKS publishes the test key. */
    public void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true}")));
        server.stubFor(get(urlEqualTo(JWKS_PATH))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(tokens.jwksJson())));
        server.stubFor(get(urlEqualTo(OTHER_IDP_PATH + "/.well-known/openid-configuration"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"issuer\":\"" + otherIssuer.issuer() + "\",\"jwks_uri\":\""
                                + url(OTHER_IDP_PATH + "/jwks") + "\"}")));
        server.stubFor(get(urlEqualTo(OTHER_IDP_PATH + "/jwks"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(otherIssuer.jwksJson())));
    }

    /** The second identity provider: its tokens' scopes are in {@code scp}. */
    public TestTokens otherIssuer() {
        return otherIssuer;
    }

    /** Requests for the second identity provider's discovery document or keys. */
    public long otherIssuerFetches() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(OTHER_IDP_PATH + "/"))
                .count();
    }

    public WireMockServer server() {
        return server;
    }

    public String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** Requests the backend received on paths other than the JWKS. */
    public List<LoggedRequest> backendRequests() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .filter(request -> !request.getUrl().startsWith(JWKS_PATH)
                        && !request.getUrl().startsWith(OTHER_IDP_PATH + "/"))
                .map(LoggedRequest.class::cast)
                .toList();
    }

    public long jwksFetches() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(JWKS_PATH))
                .count();
    }

    /**
     * The database, the routes (public /public/**, authenticated /api/**, a dead upstream, one whose
     * filters set and remove identity headers) and the JWKS.
     */
    public void register(DynamicPropertyRegistry registry, TestDatabase db) {
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::username);
        registry.add("spring.r2dbc.password", db::password);
        String prefix = "spring.cloud.gateway.server.webflux.routes";
        registry.add(prefix + "[0].id", () -> "public");
        registry.add(prefix + "[0].uri", () -> url(""));
        registry.add(prefix + "[0].predicates[0]", () -> "Path=/public/**");
        registry.add(prefix + "[0].metadata.auth", () -> "public");
        registry.add(prefix + "[1].id", () -> "dead-upstream");
        registry.add(prefix + "[1].uri", () -> "http://127.0.0.1:1");
        registry.add(prefix + "[1].predicates[0]", () -> "Path=/api/dead/**");
        registry.add(prefix + "[2].id", () -> "header-rewriting");
        registry.add(prefix + "[2].uri", () -> url(""));
        registry.add(prefix + "[2].predicates[0]", () -> "Path=/api/rewriting/**");
        registry.add(prefix + "[2].filters[0]", () -> "SetRequestHeader=X-User-Id, set-by-a-route-filter");
        registry.add(prefix + "[2].filters[1]", () -> "RemoveRequestHeader=X-Auth-Method");
        registry.add(prefix + "[3].id", () -> "backend");
        registry.add(prefix + "[3].uri", () -> url(""));
        registry.add(prefix + "[3].predicates[0]", () -> "Path=/api/**");
        registry.add(prefix + "[4].id", () -> "addressed");
        registry.add(prefix + "[4].uri", () -> url(""));
        registry.add(prefix + "[4].predicates[0]", () -> "Path=/addressed/**");
        registry.add(prefix + "[4].metadata.auth", () -> "public");
        registry.add(prefix + "[4].metadata.client-address", () -> "x-forwarded-for");
        // Scopes (issue #24): per method, and one requirement for every method.
        registry.add(prefix + "[5].id", () -> "scoped-orders");
        registry.add(prefix + "[5].uri", () -> url(""));
        registry.add(prefix + "[5].predicates[0]", () -> "Path=/scoped/orders/**");
        registry.add(prefix + "[5].metadata.scopes.GET", () -> "orders:read | orders:admin");
        registry.add(prefix + "[5].metadata.scopes.POST", () -> "orders:write & billing:write");
        registry.add(prefix + "[5].metadata.scopes.DELETE", () -> "orders:admin");
        registry.add(prefix + "[6].id", () -> "scoped-reports");
        registry.add(prefix + "[6].uri", () -> url(""));
        registry.add(prefix + "[6].predicates[0]", () -> "Path=/scoped/reports/**");
        registry.add(prefix + "[6].metadata.scopes", () -> "reports:read");
        // LimitedRoutes adds its routes from index 7: keep the two in step.
        registry.add("gateway.auth.jwt.jwks-uri", () -> url(JWKS_PATH));
        registry.add("gateway.auth.jwt.issuers[0].issuer", otherIssuer::issuer);
        registry.add("gateway.auth.jwt.issuers[0].audience", () -> OTHER_AUDIENCE);
        registry.add("gateway.auth.jwt.issuers[0].scope-claim", () -> "scp");
        registry.add("gateway.auth.jwt.issuers[0].subject-prefix", () -> "idp2:");
        // The shared context's tokens name made-up subjects; UserLockoutIT checks subjects against users.
        registry.add("gateway.auth.jwt.subjects-are-users", () -> "false");
        registry.add("management.server.port", () -> "0");
        registry.add("server.port", () -> "0");
    }
}
