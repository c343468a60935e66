package dev.apigw.keyadmin.reliability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Issue #22: the management server (health, info, metrics, unauthenticated) listens on loopback only by
 * default: not on IPv6's loopback, which a server bound to every interface would also answer on.
 */
class ExposureIT extends IntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementServerListensOnIpv4LoopbackOnly() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), managementPort), 2000);
        }
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), managementPort), 2000);
                    }
                })
                .isInstanceOf(ConnectException.class);
    }
}
