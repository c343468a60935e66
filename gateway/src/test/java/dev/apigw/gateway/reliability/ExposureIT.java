package dev.apigw.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.gateway.support.GatewayIntegrationTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Issue #22: health, info and metrics answer without authentication, so the management server listens
 * on loopback only by default. Checked without leaving loopback: a server bound to every interface
 * also answers on IPv6's loopback, one bound to 127.0.0.1 does not.
 */
class ExposureIT extends GatewayIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementServerListensOnIpv4LoopbackOnly() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), managementPort), 2000);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), managementPort), 2000);
                    }
                })
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void theServicePortAnswersHealthNowhere() {
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }
}
