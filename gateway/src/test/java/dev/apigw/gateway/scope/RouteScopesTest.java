package dev.apigw.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class RouteScopesTest {

    @Test
    void noScopesKeyMeansAuthenticationOnly() {
        RouteScopes scopes = RouteScopes.of(Map.of("auth", "required"));

        assertThat(scopes.requirement(HttpMethod.GET)).isNull();
        assertThat(scopes.requirement(HttpMethod.DELETE)).isNull();
    }

    @Test
    void oneRequirementCoversEveryMethod() {
        RouteScopes scopes = RouteScopes.of(Map.of("scopes", "reports:read"));

        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.valueOf("PURGE"))) {
            assertThat(scopes.requirement(method)).hasToString("reports:read");
        }
    }

    @Test
    void methodsAreReadInAnyCaseHeadFollowsGetAndDefaultCoversTheRest() {
        Map<String, Object> byMethod = new LinkedHashMap<>();
        byMethod.put("get", "orders:read | orders:admin");
        byMethod.put("Post", "orders:write & billing:write");
        byMethod.put("default", "orders:admin");

        RouteScopes scopes = RouteScopes.of(Map.of("scopes", byMethod));

        assertThat(scopes.requirement(HttpMethod.GET)).hasToString("orders:read | orders:admin");
        assertThat(scopes.requirement(HttpMethod.HEAD)).hasToString("orders:read | orders:admin");
        assertThat(scopes.requirement(HttpMethod.POST)).hasToString("orders:write & billing:write");
        assertThat(scopes.requirement(HttpMethod.DELETE)).hasToString("orders:admin");
    }

    @Test
    void aMethodNotListedWithoutDefaultIsRefusedToEveryone() {
        RouteScopes scopes = RouteScopes.of(Map.of("scopes", Map.of("GET", "orders:read")));

        ScopeRequirement put = scopes.requirement(HttpMethod.PUT);

        assertThat(put).isNotNull();
        assertThat(put.satisfiedBy(Scopes.of("orders:read", "orders:write", "orders:admin")))
                .isFalse();
    }

    @Test
    void metadataThatCannotBeReadIsRefusedAtOnce() {
        for (Object wrong : List.of(
                Map.of(),
                Map.of("GETS", "a:b"),
                Map.of("GET", Map.of("x", "y")),
                Map.of("GET", "a | b & c"),
                Map.of("GET", ""),
                Map.of("GET", "a |"),
                Map.of("GET", "a\"b"),
                42)) {
            assertThatThrownBy(() -> RouteScopes.of(Map.of("scopes", wrong)))
                    .as(String.valueOf(wrong))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
