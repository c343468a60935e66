package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Issue #22 §3: whose address a login is counted against. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(clientOf("198.51.100.7", "192.0.2.1")).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightmostUntrustedForwardedAddress() {
        assertThat(clientOf("127.0.0.1", "192.0.2.99, 198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
        assertThat(clientOf("::1", "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void aTrustedPeerThatForwardsNothingOrNonsenseGivesNoAddress() {
        assertThat(clientOf("127.0.0.1", null)).isNull();
        assertThat(clientOf("127.0.0.1", "192.0.2.1, example.com")).isNull();
        assertThat(clientOf("127.0.0.1", "300.1.1.1")).isNull();
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(clientOf("127.0.0.1", "10.9.9.9, 10.1.1.1")).isEqualTo("10.9.9.9");
    }

    @Test
    void cidrBlocksMatchOnTheirPrefixOnly() {
        ClientAddresses narrow = new ClientAddresses(List.of("192.0.2.128/25"));
        assertThat(narrow.isTrusted(ClientAddresses.literal("192.0.2.200"))).isTrue();
        assertThat(narrow.isTrusted(ClientAddresses.literal("192.0.2.127"))).isFalse();
        assertThat(narrow.isTrusted(ClientAddresses.literal("::1"))).isFalse();
    }

    @Test
    void aTrustedProxyMustBeAnAddressNotAName() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("gateway.internal")))
                .hasMessageContaining("key-admin.login.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }

    /**
     * Review: text that is not an IP literal must never reach a resolver, which would block the event loop.
     * A security manager sees every host name lookup ({@code checkConnect(host, -1)}) and none of the
     * literals parsed.
     */
    @Test
    @SuppressWarnings("removal") // the security manager is only a probe here, and still works on Java 17
    void namesAndNearLiteralsAreNotAddressesAndAreNeverLookedUp() {
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        SecurityManager before = System.getSecurityManager();
        // Java 18+ refuses a security manager unless started with -Djava.security.manager=allow: there the
        // answers are still checked, only the lookup probe is left out.
        boolean probing = installLookupProbe(lookedUp);
        try {
            for (String text : List.of(".:", ".example", "localhost", "example.com", ".::1", "[.:]", "g::1", "::1.")) {
                assertThat(ClientAddresses.literal(text)).as(text).isNull();
            }
            assertThat(ClientAddresses.literal("::1")).isNotNull();
            assertThat(ClientAddresses.literal("[2001:db8::1]")).isNotNull();
            assertThat(ClientAddresses.literal("::ffff:192.0.2.1")).isNotNull();
        } finally {
            if (probing) {
                System.setSecurityManager(before);
            }
        }
        assertThat(lookedUp).isEmpty();
    }

    @SuppressWarnings("removal")
    private static boolean installLookupProbe(List<String> lookedUp) {
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission permission) {}

                @Override
                public void checkPermission(Permission permission, Object context) {}

                @Override
                public void checkConnect(String host, int port) {
                    if (port == -1) {
                        lookedUp.add(host);
                    }
                }
            });
            return true;
        } catch (UnsupportedOperationException notAllowed) {
            return false;
        }
    }

    private @Nullable String clientOf(String peer, @Nullable String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.post("/api/auth/login").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header(ClientAddresses.X_FORWARDED_FOR, forwardedFor);
        }
        var client = addresses.of(request.build());
        return client == null ? null : client.getHostAddress();
    }
}
