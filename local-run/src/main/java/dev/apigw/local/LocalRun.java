package dev.apigw.local;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole system locally: the demo backend, key-admin-service and the gateway, each as its own
 * process, against the PostgreSQL named by {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER},
 * {@code DB_PASSWORD} and {@code DB_NAME} (default 127.0.0.1:5432, postgres, no password, apigw),
 * creating the database when it is missing. Prints what to try; Ctrl-C stops everything.
 */
public final class LocalRun {

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path root =
                Path.of(env.getOrDefault("APIGW_HOME", ".")).toAbsolutePath().normalize();
        Database db = new Database(
                env.getOrDefault("DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("DB_PORT", "5432")),
                env.getOrDefault("DB_USER", "postgres"),
                env.getOrDefault("DB_PASSWORD", ""),
                env.getOrDefault("DB_NAME", "apigw"));
        int gatewayPort = Integer.parseInt(env.getOrDefault("GATEWAY_PORT", "8080"));
        int adminPort = Integer.parseInt(env.getOrDefault("KEY_ADMIN_PORT", "8081"));
        int backendPort = Integer.parseInt(env.getOrDefault("BACKEND_PORT", "8090"));
        String adminPassword = env.getOrDefault("KEY_ADMIN_BOOTSTRAP_PASSWORD", randomPassword());
        Path logs = root.resolve("target/local-run");

        String redisHost = env.getOrDefault("REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379"));
        String store =
                env.getOrDefault("RATE_LIMIT_STORE", RedisProbe.answers(redisHost, redisPort) ? "redis" : "local");
        Map<String, String> limits =
                Map.of("RATE_LIMIT_STORE", store, "REDIS_HOST", redisHost, "REDIS_PORT", Integer.toString(redisPort));
        System.out.println(
                "redis".equals(store)
                        ? "Rate limits: counted in Redis at " + redisHost + ":" + redisPort
                                + " (shared by every gateway)"
                        : "Rate limits: counted in the gateway's memory (no Redis answered at " + redisHost + ":"
                                + redisPort + "; key usage is not shown)");

        boolean created = db.createIfMissing();
        System.out.printf(
                "PostgreSQL %s:%d, database '%s' %s%n",
                db.host(), db.port(), db.name(), created ? "created" : "already there");

        List<ServiceProcess> running = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stopper = new Thread(
                () -> {
                    stopping.set(true);
                    stopAll(running);
                },
                "local-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            running.add(ServiceProcess.start(
                            "demo-backend",
                            root.resolve("demo-backend/target/demo-backend.jar"),
                            List.of(),
                            Map.of("PORT", Integer.toString(backendPort)),
                            URI.create("http://127.0.0.1:" + backendPort + "/health"),
                            logs)
                    .awaitHealthy(Duration.ofSeconds(30)));

            Map<String, String> adminEnv = new HashMap<>(db.environment());
            adminEnv.putAll(limits);
            adminEnv.put("PORT", Integer.toString(adminPort));
            adminEnv.put("MANAGEMENT_PORT", Integer.toString(adminPort + 1000));
            adminEnv.put("KEY_ADMIN_BOOTSTRAP_USERNAME", "admin");
            adminEnv.put("KEY_ADMIN_BOOTSTRAP_PASSWORD", adminPassword);
            running.add(ServiceProcess.start(
                            "key-admin-service",
                            root.resolve("key-admin-service/target/key-admin-service.jar"),
                            List.of("-Xmx256m"),
                            adminEnv,
                            URI.create("http://127.0.0.1:" + (adminPort + 1000) + "/actuator/health"),
                            logs)
                    .awaitHealthy(Duration.ofSeconds(90)));

            Map<String, String> gatewayEnv = new HashMap<>(db.environment());
            gatewayEnv.putAll(limits);
            gatewayEnv.put("PORT", Integer.toString(gatewayPort));
            gatewayEnv.put("MANAGEMENT_PORT", Integer.toString(gatewayPort + 1000));
            gatewayEnv.put("KEY_ADMIN_URI", "http://127.0.0.1:" + adminPort);
            gatewayEnv.put("BACKEND_URI", "http://127.0.0.1:" + backendPort);
            gatewayEnv.put("JWKS_URI", "http://127.0.0.1:" + adminPort + "/.well-known/jwks.json");
            running.add(ServiceProcess.start(
                            "gateway",
                            root.resolve("gateway/target/gateway.jar"),
                            List.of("-Xmx256m"),
                            gatewayEnv,
                            URI.create("http://127.0.0.1:" + (gatewayPort + 1000) + "/actuator/health"),
                            logs)
                    .awaitHealthy(Duration.ofSeconds(90)));
        } catch (RuntimeException e) {
            System.err.println("Could not start the system: " + e.getMessage());
            System.exit(1);
        }

        printWelcome(gatewayPort, adminPort, backendPort, adminPassword, logs);
        for (ServiceProcess service : running) {
            int code = service.process().waitFor();
            if (stopping.get()) {
                return;
            }
            System.err.printf(
                    "%s exited with code %d; see %s. Stopping the others.%n", service.name(), code, service.log());
            System.exit(1);
        }
    }

    private static void stopAll(List<ServiceProcess> running) {
        if (running.isEmpty()) {
            return;
        }
        System.out.println("\nStopping " + running.size() + " services...");
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        System.out.println("Stopped.");
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void printWelcome(int gatewayPort, int adminPort, int backendPort, String adminPassword, Path logs)
            throws java.io.IOException {
        String text;
        try (var in = LocalRun.class.getResourceAsStream("/welcome.txt")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        System.out.println(text.replace("{gw}", "http://127.0.0.1:" + gatewayPort)
                .replace("{gwmgmt}", Integer.toString(gatewayPort + 1000))
                .replace("{admin}", Integer.toString(adminPort))
                .replace("{backend}", Integer.toString(backendPort))
                .replace("{logs}", logs.toString())
                .replace("{password}", adminPassword));
    }
}
