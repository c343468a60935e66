package dev.apigw.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The Redis this test run counts in, with its own key prefix so that runs sharing one server never see
 * each other's counters: Redis at {@code TEST_REDIS_HOST}:{@code TEST_REDIS_PORT} (default
 * 127.0.0.1:6379) when it answers, else one started with Testcontainers when Docker is available, else
 * the run stops with a message. The run's keys are deleted when the JVM exits. Tests never stop this
 * server: a test of an outage points a gateway at a port it controls instead.
 */
public final class TestRedis {

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static volatile TestRedis instance;

    private final String host;
    private final int port;
    private final String prefix;

    private TestRedis(String host, int port) {
        this.host = host;
        this.port = port;
        this.prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** This run's Redis, found (or started) on first use. */
    public static TestRedis get() {
        TestRedis redis = instance;
        if (redis == null) {
            synchronized (TestRedis.class) {
                redis = instance;
                if (redis == null) {
                    redis = find();
                    TestRedis created = redis;
                    Runtime.getRuntime().addShutdownHook(new Thread(created::deleteKeys, "test-redis-cleanup"));
                    instance = redis;
                }
            }
        }
        return redis;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** This run's key prefix, {@code test-<8 hex>:}. */
    public String prefix() {
        return prefix;
    }

    /** Sends one command and returns the raw first reply line (for set-up and assertions). */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$')
                        .append(arg.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + host + ":" + port + " did not answer: " + e.getMessage(), e);
        }
    }

    private void deleteKeys() {
        try {
            command(
                    "EVAL",
                    "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end",
                    "0",
                    prefix + "*");
        } catch (RuntimeException e) {
            log.warn("Could not delete this run's Redis keys ({}*): {}", prefix, e.getMessage());
        }
    }

    private static TestRedis find() {
        String host = setting("TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting("TEST_REDIS_PORT", "6379"));
        TestRedis local = new TestRedis(host, port);
        RuntimeException failure;
        try {
            if (local.command("PING").equals("+PONG")) {
                return local;
            }
            failure = new IllegalStateException("PING was not answered with PONG");
        } catch (RuntimeException e) {
            failure = e;
        }
        if (dockerAvailable()) {
            log.info("No Redis at {}:{} ({}); starting one with Testcontainers", host, port, failure.getMessage());
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-redis-container-stop"));
            return new TestRedis(container.getHost(), container.getFirstMappedPort());
        }
        throw new IllegalStateException(
                "Tests need Redis 7: none answered at " + host + ":" + port + " (" + failure.getMessage()
                        + ") and Docker is not available. Start Redis there, or point TEST_REDIS_HOST and"
                        + " TEST_REDIS_PORT at one, or start Docker.",
                failure);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
