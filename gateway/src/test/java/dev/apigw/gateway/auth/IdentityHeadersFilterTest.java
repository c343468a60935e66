package dev.apigw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.gateway.proxy.ProxyHeaderPolicy;
import dev.apigw.gateway.support.Settings;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class IdentityHeadersFilterTest {

    private final IdentityHeadersFilter filter = new IdentityHeadersFilter(
            new IdentityHeaders(Settings.auth(), Settings.apiKeys()), ProxyHeaderPolicy.STRICT);
    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders").header("X-Other", "kept"));

    /** Its place in the running chain (after every other request header filter) is asserted in GatewayAuthIT. */
    @Test
    void appliesToRequestsOnly() {
        assertThat(filter.supports(org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type.REQUEST))
                .isTrue();
        assertThat(filter.supports(org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type.RESPONSE))
                .isFalse();
    }

    @Test
    void setsTheCallersIdentityOnTheHeadersThatLeave() {
        UUID keyId = UUID.randomUUID();
        exchange.getAttributes()
                .put(
                        AuthenticationFilter.CALLER_ATTRIBUTE,
                        new AuthOutcome.Authenticated("user-7", AuthMethod.API_KEY, keyId));
        HttpHeaders leaving = new HttpHeaders();
        leaving.add("X-Other", "kept");
        leaving.add("X-User-Id", "set-by-a-route-filter");

        HttpHeaders sent = filter.filter(leaving, exchange);

        assertThat(sent.get("X-User-Id")).containsExactly("user-7");
        assertThat(sent.getFirst("X-Auth-Method")).isEqualTo("api_key");
        assertThat(sent.getFirst("X-Api-Key-Id")).isEqualTo(keyId.toString());
        assertThat(sent.getFirst("X-Other")).isEqualTo("kept");
    }

    @Test
    void withoutACallerTheHeadersLeaveUnchanged() {
        HttpHeaders leaving = new HttpHeaders();
        leaving.add("X-Other", "kept");

        assertThat(filter.filter(leaving, exchange)).isSameAs(leaving);
        assertThat(leaving.headerNames()).containsExactly("X-Other");
    }

    @Test
    void readOnlyHeadersAreCopiedNotLost() {
        exchange.getAttributes()
                .put(
                        AuthenticationFilter.CALLER_ATTRIBUTE,
                        new AuthOutcome.Authenticated("user-8", AuthMethod.JWT, null));

        HttpHeaders sent = filter.filter(exchange.getRequest().getHeaders(), exchange);

        assertThat(sent.getFirst("X-User-Id")).isEqualTo("user-8");
        assertThat(sent.getFirst("X-Auth-Method")).isEqualTo("jwt");
        assertThat(sent.getFirst("X-Other")).isEqualTo("kept");
        assertThat(exchange.getRequest().getHeaders().containsHeader("X-User-Id"))
                .isFalse();
    }
}
