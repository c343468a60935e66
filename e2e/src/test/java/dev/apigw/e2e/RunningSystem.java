package dev.apigw.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.apigw.local.ServiceProcess;
import dev.apigw.testsupport.TestDatabase;
import dev.apigw.testsupport.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system as a user runs it: the key-admin-service and gateway jars, each in its own JVM on a free
 * port, against this run's PostgreSQL database, with WireMock as the backend behind the gateway.
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN = "e2e-admin";
    static final String ADMIN_PASSWORD = "e2e-admin-password";

    final WireMockServer backend =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final int adminPort;
    final int gatewayPort;
    private final ServiceProcess keyAdmin;
    private final ServiceProcess gateway;

    RunningSystem() throws IOException, InterruptedException {
        int[] ports = freePorts(4);
        adminPort = ports[0];
        gatewayPort = ports[1];
        int adminManagement = ports[2];
        int gatewayManagement = ports[3];
        backend.start();
        backend.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"ok\":true}")
                        .withHeader("Content-Type", "application/json")));
        TestDatabase db = TestDatabase.get();
        Path home =
                Path.of(System.getProperty("apigw.home", "..")).toAbsolutePath().normalize();
        Path logs = home.resolve("e2e/target/e2e-logs");
        Map<String, String> database = Map.of(
                "DB_HOST",
                db.host(),
                "DB_PORT",
                Integer.toString(db.port()),
                "DB_NAME",
                db.name(),
                "DB_USER",
                db.username(),
                "DB_PASSWORD",
                db.password());
        List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
        // Rate limits counted in this run's Redis, under its own key prefix, read back by key-admin-service.
        TestRedis redis = TestRedis.get();
        Map<String, String> limits = Map.of(
                "RATE_LIMIT_STORE", "redis",
                "REDIS_HOST", redis.host(),
                "REDIS_PORT", Integer.toString(redis.port()),
                "GATEWAY_RATELIMIT_KEYPREFIX", redis.prefix(),
                // A loaded test machine can take longer than the default wait; a late answer would be
                // counted in memory instead, and the usage endpoint would not see it.
                "GATEWAY_RATELIMIT_REDISTIMEOUT", "2s",
                "KEYADMIN_RATELIMIT_KEYPREFIX", redis.prefix());

        Map<String, String> adminEnv = new HashMap<>(database);
        adminEnv.putAll(limits);
        adminEnv.put("PORT", Integer.toString(adminPort));
        adminEnv.put("MANAGEMENT_PORT", Integer.toString(adminManagement));
        adminEnv.put("KEY_ADMIN_BOOTSTRAP_USERNAME", ADMIN);
        adminEnv.put("KEY_ADMIN_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD);
        keyAdmin = ServiceProcess.start(
                "key-admin-service",
                home.resolve("key-admin-service/target/key-admin-service.jar"),
                jvm,
                adminEnv,
                URI.create("http://127.0.0.1:" + adminManagement + "/actuator/health"),
                logs);

        Map<String, String> gatewayEnv = new HashMap<>(database);
        gatewayEnv.putAll(limits);
        gatewayEnv.put("PORT", Integer.toString(gatewayPort));
        gatewayEnv.put("MANAGEMENT_PORT", Integer.toString(gatewayManagement));
        gatewayEnv.put("KEY_ADMIN_URI", "http://127.0.0.1:" + adminPort);
        gatewayEnv.put("BACKEND_URI", "http://127.0.0.1:" + backend.port());
        gatewayEnv.put("JWKS_URI", "http://127.0.0.1:" + adminPort + "/.well-known/jwks.json");
        gateway = ServiceProcess.start(
                "gateway",
                home.resolve("gateway/target/gateway.jar"),
                jvm,
                gatewayEnv,
                URI.create("http://127.0.0.1:" + gatewayManagement + "/actuator/health"),
                logs);

        keyAdmin.awaitHealthy(Duration.ofSeconds(120));
        gateway.awaitHealthy(Duration.ofSeconds(120));
    }

    String gateway(String path) {
        return "http://127.0.0.1:" + gatewayPort + path;
    }

    @Override
    public void close() {
        gateway.close();
        keyAdmin.close();
        backend.stop();
    }

    /**
     * {@code count} distinct free ports. All are held open until every one is chosen: a port closed
     * at once can be handed out again, and once two services were given the same management port —
     * the gateway took it, key-admin-service failed to start, and its health check reached the gateway's.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
