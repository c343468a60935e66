package dev.apigw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ProxyHeaderPolicyTest {

    @Test
    void dropsTheHopByHopHeadersAndThoseConnectionNamesKeepingTheRest() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Connection", "keep-alive, X-Per-Hop");
        headers.add("X-Per-Hop", "1");
        headers.add("Keep-Alive", "timeout=5");
        headers.add("Upgrade", "websocket");
        headers.add("X-Kept", "kept");

        assertThat(ProxyHeaderPolicy.STRICT.holdsHopByHop(headers)).isTrue();
        ProxyHeaderPolicy.STRICT.removeHopByHop(headers);

        assertThat(headers.headerNames()).containsExactly("X-Kept");
        assertThat(ProxyHeaderPolicy.STRICT.holdsHopByHop(headers)).isFalse();
    }

    @Test
    void forwardingHeadersAreDroppedOnArrivalOnlyWhereNoProxyIsTrusted() {
        ProxyHeaderPolicy trusted = new ProxyHeaderPolicy(false, false, true);

        assertThat(ProxyHeaderPolicy.STRICT.dropsOnArrival("x-forwarded-for")).isTrue();
        assertThat(ProxyHeaderPolicy.STRICT.dropsOnArrival("x-forwarded-anything"))
                .isTrue();
        assertThat(ProxyHeaderPolicy.STRICT.dropsOnArrival("forwarded")).isTrue();
        assertThat(ProxyHeaderPolicy.STRICT.dropsOnArrival("x-forwarded")).isFalse();
        assertThat(trusted.dropsOnArrival("x-forwarded-for")).isFalse();
        assertThat(trusted.dropsOnArrival("forwarded")).isFalse();
    }

    @Test
    void withTheHopByHopRuleOffNothingIsFoundOrDropped() {
        ProxyHeaderPolicy off = new ProxyHeaderPolicy(true, true, false);
        HttpHeaders headers = new HttpHeaders();
        headers.add("Keep-Alive", "timeout=5");

        assertThat(off.holdsHopByHop(headers)).isFalse();
        off.removeHopByHop(headers);
        assertThat(headers.containsHeader("Keep-Alive")).isTrue();
    }
}
