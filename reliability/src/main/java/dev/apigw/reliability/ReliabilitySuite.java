package dev.apigw.reliability;

import com.sun.net.httpserver.HttpServer;
import dev.apigw.keycore.KeyFormat;
import dev.apigw.local.ServiceProcess;
import dev.apigw.testsupport.TcpRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault and load scenarios against real gateway processes on this machine's PostgreSQL, on loopback
 * only, with bounded loops. Prints a Markdown report. Usage:
 * {@code ReliabilitySuite <quick|full> <apigw-home> <pg-host> <pg-port> <pg-user> <out-file> [scenario,...]}
 * (scenarios: revocation, lost, outage, flood, soak; all by default).
 */
public final class ReliabilitySuite {

    private static final int INSTANCES = 3;
    private static final int BASE_PORT = 18180;
    private static final String AUTH_OUTCOMES = "gateway_auth_outcomes_total";

    private final boolean full;
    private final Set<String> scenarios;
    private final Path home;
    private final Fixture db;
    private int backendPort;
    private final List<String> gateways = new ArrayList<>();
    private final List<String> prometheus = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Between the gateways and Redis at REDIS_HOST/REDIS_PORT (default 127.0.0.1:6379). */
    private final TcpRelay relay;
    /** Whether load generators go to CPU 1 (while the flood scenario's gateway is pinned to CPU 0). */
    private volatile boolean pinGenerators;

    private ReliabilitySuite(boolean full, Set<String> scenarios, Path home, Fixture db) throws IOException {
        this.relay = new TcpRelay(
                System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379")));
        this.full = full;
        this.scenarios = scenarios;
        this.home = home;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        boolean full = args[0].equals("full");
        Path home = Path.of(args[1]);
        Fixture db = new Fixture(
                args[2],
                Integer.parseInt(args[3]),
                args[4],
                System.getenv().getOrDefault("DB_PASSWORD", ""),
                "apigw_reliability");
        Path out = Path.of(args[5]);
        // The JDK server closes idle connections beyond 200 at once; the gateways' pools keep more than that
        // under a flood, and a pooled connection closed just as it is reused fails its request (now a 502).
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ExecutorService backendThreads = Executors.newFixedThreadPool(8);
        backend.setExecutor(backendThreads);
        backend.start();
        Set<String> scenarios =
                Set.of((args.length > 6 ? args[6] : "revocation,lost,outage,flood,limits,soak").split(","));
        ReliabilitySuite suite = new ReliabilitySuite(full, scenarios, home, db);
        suite.backendPort = backend.getAddress().getPort();
        List<ServiceProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                processes.add(suite.startGateway(home, i, suite.backendPort, true));
            }
            for (ServiceProcess process : processes) {
                process.awaitHealthy(Duration.ofSeconds(120));
            }
            suite.run();
        } finally {
            processes.forEach(ServiceProcess::close);
            backend.stop(0);
            backendThreads.shutdownNow(); // its threads would keep this JVM alive after the report
            suite.pool.shutdownNow();
        }
        for (ServiceProcess process : processes) {
            long leaks = Files.readAllLines(process.log()).stream()
                    .filter(line -> line.contains("LEAK:"))
                    .count();
            suite.report
                    .append("- Netty leak reports in ")
                    .append(process.name())
                    .append("'s log (paranoid detection): ")
                    .append(leaks)
                    .append('\n');
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, suite.report.toString());
        System.out.println(suite.report);
        System.out.println("Written to " + out);
    }

    private ServiceProcess startGateway(Path home, int index, int backendPort, boolean paranoid) throws Exception {
        int port = BASE_PORT + index;
        int management = port + 1000;
        gateways.add("http://127.0.0.1:" + port);
        prometheus.add("http://127.0.0.1:" + management + "/actuator/prometheus");
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", db.host);
        env.put("DB_PORT", Integer.toString(db.port));
        env.put("DB_USER", db.user);
        env.put("DB_PASSWORD", db.password);
        env.put("DB_NAME", db.database);
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(management));
        env.put("BACKEND_URI", "http://127.0.0.1:" + backendPort);
        env.put("GATEWAY_AUTH_JWT_ENABLED", "false");
        // Limits counted in Redis through a relay the limits scenario cuts (never the Redis server itself).
        env.put("RATE_LIMIT_STORE", "redis");
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", Integer.toString(relay.port()));
        env.put(
                "GATEWAY_RATELIMIT_KEYPREFIX",
                "reliability-" + ProcessHandle.current().pid() + ":");
        return ServiceProcess.start(
                "gateway-" + index,
                home.resolve("gateway/target/gateway.jar"),
                paranoid ? List.of("-Xmx384m", "-Dio.netty.leakDetection.level=paranoid") : List.of("-Xmx384m"),
                env,
                URI.create("http://127.0.0.1:" + management + "/actuator/health"),
                home.resolve("reliability/target/run"));
    }

    private void run() throws Exception {
        report.append("# Reliability run (")
                .append(full ? "full" : "quick")
                .append("), ")
                .append(Instant.now())
                .append("\n\n")
                .append(INSTANCES)
                .append(" gateway processes (paranoid leak detection) on one PostgreSQL,")
                .append(" ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, loopback only.\n\n");
        if (scenarios.contains("revocation")) {
            scaleOutRevocation(full ? 100 : 20);
        }
        if (scenarios.contains("lost")) {
            lostNotifications(full ? 10 : 3);
        }
        if (scenarios.contains("outage")) {
            databaseOutage();
        }
        if (scenarios.contains("flood")) {
            randomKeyFlood(full ? 30 : 10);
        }
        if (scenarios.contains("limits")) {
            new SharedLimits(db, gateways.subList(0, INSTANCES), prometheus.subList(0, INSTANCES), pool, relay)
                    .run(report, full ? Duration.ofSeconds(60) : Duration.ofSeconds(20), Duration.ofSeconds(15));
        }
        if (scenarios.contains("soak")) {
            soak(full ? Duration.ofMinutes(20) : Duration.ofSeconds(60));
        }
    }

    private static Map<String, String> key(String value) {
        return Map.of("x-api-key", value);
    }

    /** Revoke while every instance serves the key under load: how long until each stops serving it. */
    private void scaleOutRevocation(int trials) throws Exception {
        Stats windows = new Stats();
        long servedAfterRejection = 0;
        for (int trial = 0; trial < trials; trial++) {
            Fixture.Key key = db.newKey();
            for (String gateway : gateways) {
                require(Http.get(gateway + "/api/x", key(key.value())) == 200, "fresh key not accepted");
            }
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicLong> last200 = new ConcurrentHashMap<>();
            Map<Integer, AtomicLong> first401 = new ConcurrentHashMap<>();
            Map<Integer, AtomicLong> okAfterReject = new ConcurrentHashMap<>();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                int instance = i;
                last200.put(i, new AtomicLong(Long.MIN_VALUE));
                first401.put(i, new AtomicLong(Long.MAX_VALUE));
                okAfterReject.put(i, new AtomicLong());
                for (int worker = 0; worker < 2; worker++) {
                    loops.add(pool.submit(() -> {
                        while (running.get()) {
                            long sent = System.nanoTime();
                            int status = Http.get(gateways.get(instance) + "/api/x", key(key.value()));
                            if (status == 200) {
                                last200.get(instance).accumulateAndGet(sent, Math::max);
                                if (sent > first401.get(instance).get()) {
                                    okAfterReject.get(instance).incrementAndGet();
                                }
                            } else if (status == 401) {
                                first401.get(instance).accumulateAndGet(System.nanoTime(), Math::min);
                            }
                        }
                    }));
                }
            }
            Thread.sleep(200);
            db.revoke(key.id());
            long committed = System.nanoTime();
            Thread.sleep(500);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            for (int i = 0; i < INSTANCES; i++) {
                // The stale window: from the commit to the sending of the last request that was still served.
                windows.add(Math.max(0, last200.get(i).get() - committed) / 1e6);
                servedAfterRejection += okAfterReject.get(i).get();
                require(Http.get(gateways.get(i) + "/api/x", key(key.value())) == 401, "revoked key served later");
            }
        }
        report.append("## Scale-out revocation\n\n")
                .append(trials)
                .append(" trials × ")
                .append(INSTANCES)
                .append(" instances, two request loops per instance; revocation by UPDATE (the trigger notifies).\n")
                .append(
                        "Stale window = from the revoking commit to the send time of the last request still served.\n\n")
                .append(String.format("| p50 | p99 | max | requests served after an instance first refused |%n"))
                .append("| ---: | ---: | ---: | ---: |\n")
                .append(String.format(
                        "| %.1f ms | %.1f ms | %.1f ms | %d |%n%n",
                        windows.percentile(50), windows.percentile(99), windows.max(), servedAfterRejection));
    }

    /** Listener connections killed, keys revoked in the gap: every instance must still refuse them. */
    private void lostNotifications(int trials) throws Exception {
        Stats untilRefused = new Stats();
        int killed = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<Fixture.Key> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Fixture.Key key = db.newKey();
                keys.add(key);
                for (String gateway : gateways) {
                    require(Http.get(gateway + "/api/x", key(key.value())) == 200, "fresh key not accepted");
                }
            }
            killed += db.killListeners();
            long start = System.nanoTime();
            for (Fixture.Key key : keys) {
                db.revoke(key.id());
            }
            long deadline = start + Duration.ofSeconds(90).toNanos();
            boolean allRefused = false;
            while (!allRefused && System.nanoTime() < deadline) {
                allRefused = true;
                for (String gateway : gateways) {
                    for (Fixture.Key key : keys) {
                        allRefused &= Http.get(gateway + "/api/x", key(key.value())) == 401;
                    }
                }
            }
            require(allRefused, "revoked keys still served 90 s after lost notifications");
            untilRefused.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(1000);
        }
        report.append("## Lost notifications\n\n")
                .append(trials)
                .append(" trials: the listener connections of all")
                .append(" instances killed (")
                .append(killed)
                .append(" in all), then 5 cached keys revoked at once.\n\n")
                .append(String.format(
                        "Time until every instance refused every key: p50 %.0f ms, max %.0f ms "
                                + "(bound: reconnect backoff, then the whole cache is emptied; ttl 60 s at worst).%n%n",
                        untilRefused.percentile(50), untilRefused.max()));
    }

    /** The database refuses connections under load, then comes back. */
    private void databaseOutage() throws Exception {
        List<Fixture.Key> valid = new ArrayList<>();
        List<Fixture.Key> revoked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            valid.add(db.newKey());
        }
        for (int i = 0; i < 5; i++) {
            Fixture.Key key = db.newKey();
            revoked.add(key);
            db.revoke(key.id());
        }
        for (String gateway : gateways) {
            for (Fixture.Key key : valid) {
                require(Http.get(gateway + "/api/x", key(key.value())) == 200, "valid key not accepted");
            }
            for (Fixture.Key key : revoked) {
                require(Http.get(gateway + "/api/x", key(key.value())) == 401, "revoked key accepted");
            }
        }
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean down = new AtomicBoolean(false);
        KeyFormat format = KeyFormat.defaults();
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            String gateway = gateways.get(i);
            loops.add(pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String phase = down.get() ? "down" : "up";
                    Fixture.Key v = valid.get(n % valid.size());
                    Fixture.Key r = revoked.get(n % revoked.size());
                    count(counts, phase + " valid " + Http.get(gateway + "/api/x", key(v.value())));
                    count(counts, phase + " revoked " + Http.get(gateway + "/api/x", key(r.value())));
                    count(
                            counts,
                            phase + " unknown "
                                    + Http.get(
                                            gateway + "/api/x",
                                            key(format.generate().value())));
                    n++;
                }
            }));
        }
        Thread.sleep(3000);
        db.acceptConnections(false);
        down.set(true);
        Thread.sleep(full ? 60_000 : 15_000);
        down.set(false);
        db.acceptConnections(true);
        long back = System.nanoTime();
        String probe = format.generate().value();
        long whole = -1;
        while (System.nanoTime() - back < Duration.ofSeconds(60).toNanos()) {
            boolean ok = true;
            for (String gateway : gateways) {
                ok &= Http.get(gateway + "/api/x", key(probe)) == 401;
            }
            if (ok) {
                whole = (System.nanoTime() - back) / 1_000_000;
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        report.append("## Database outage under load\n\nThe database refuses new connections and every open one is")
                .append(" ended (ALTER DATABASE … ALLOW_CONNECTIONS false + pg_terminate_backend) for ")
                .append(full ? 60 : 15)
                .append(" s while three loops per instance send cached valid, cached revoked")
                .append(" and never-seen keys.\n\n| phase, key, status | responses |\n| --- | ---: |\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> report.append("| ")
                        .append(entry.getKey())
                        .append(" | ")
                        .append(entry.getValue().get())
                        .append(" |\n"));
        report.append('\n')
                .append("Whole again (never-seen keys answered 401 by every instance) ")
                .append(whole)
                .append(" ms after the database came back.\n\n");
    }

    private static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Thousands of random well-formed keys per second alongside a valid one: database load stays bounded
     * and the valid key's latency stays where it was. Measured on a gateway of its own without paranoid
     * leak detection (which multiplies the cost of every buffer), with the flood and the probe sent open
     * loop at constant rates from two other processes, so that neither the suite's threads nor a
     * closed loop's queueing is what gets measured. Where {@code taskset} exists, after the warm-up the
     * gateway runs on CPU 0 and the generators on CPU 1. A second flood of malformed keys (bad checksums: no key work
     * at all) shows what merely answering that many requests costs the valid key on this machine.
     */
    private void randomKeyFlood(int seconds) throws Exception {
        // 2,000 req/s saturated this 2-core machine (gateway, generators and PostgreSQL together): the
        // generator itself failed to connect and the probe measured a saturated machine, not the design.
        int floodRate = Integer.getInteger("reliability.floodRate", 1000);
        int probeRate = 100;
        Path work = home.resolve("reliability/target/run");
        Files.createDirectories(work);
        try (ServiceProcess gateway = startGateway(home, INSTANCES, backendPort, false)) {
            gateway.awaitHealthy(Duration.ofSeconds(120));
            String url = gateways.get(INSTANCES) + "/api/x";
            String metrics = prometheus.get(INSTANCES);
            Fixture.Key valid = db.newKey();
            require(Http.get(url, key(valid.value())) == 200, "valid key not accepted");
            Path validFile = Files.writeString(work.resolve("flood-valid.txt"), valid.value() + "\n");
            KeyFormat format = KeyFormat.defaults();
            List<String> unknownKeys = new ArrayList<>();
            for (int i = 0; i < floodRate * (seconds + 60); i++) {
                unknownKeys.add(format.generate().value());
            }
            Path unknownFile = Files.write(work.resolve("flood-unknown.txt"), unknownKeys);
            Path malformedFile = Files.write(
                    work.resolve("flood-malformed.txt"),
                    unknownKeys.stream()
                            .map(value -> value.substring(0, value.length() - 1)
                                    + (value.endsWith("A") ? "B" : "A")) // a wrong checksum character
                            .toList());
            // A fresh process: warm its JIT on both paths (as the other instances were by the earlier
            // scenarios), then measure without the flood.
            Future<Map<String, Long>> warmFlood =
                    pool.submit(() -> constantRate(url, floodRate, 20, unknownFile, true, true));
            constantRate(url, probeRate * 5, 20, validFile, true, false); // warm-up: its answers are not judged
            warmFlood.get();
            // Pinned only now: a cold gateway on one core, compiling while it serves, could not keep up.
            boolean pinned = pin(gateway.process().pid(), "0");
            pinGenerators = pinned;
            Map<String, Long> baseline = constantRate(url, probeRate, seconds, validFile, false, false);
            double queriesBefore = Http.metric(metrics, "gateway_auth_apikey_lookup_seconds_count");
            double keysBefore = Http.metric(metrics, "gateway_auth_apikey_lookup_keys_sum");
            double rejectedBefore = Http.metric(metrics, "gateway_auth_apikey_lookup_rejected_total");
            double unknownBefore = Http.metric(metrics, AUTH_OUTCOMES, "reason=\"unknown_key\"");
            double unlistedBefore = Http.metric(metrics, "gateway_auth_apikey_unlisted_refused_total");
            double unavailableBefore = Http.metric(metrics, AUTH_OUTCOMES, "reason=\"key_store_unavailable\"");
            // The flood starts first and outlasts the probe (each generator warms itself for 5 s).
            Future<Map<String, Long>> flood =
                    pool.submit(() -> constantRate(url, floodRate, seconds + 8, unknownFile, true, true));
            Map<String, Long> flooded = constantRate(url, probeRate, seconds, validFile, false, false);
            Map<String, Long> floodResult = flood.get();
            Future<Map<String, Long>> malformedFlood =
                    pool.submit(() -> constantRate(url, floodRate, seconds + 8, malformedFile, true, true));
            Map<String, Long> malformedFlooded = constantRate(url, probeRate, seconds, validFile, false, false);
            Map<String, Long> malformedResult = malformedFlood.get();
            double floodSeconds = floodResult.get("duration_us") / 1e6;
            double queries = Http.metric(metrics, "gateway_auth_apikey_lookup_seconds_count") - queriesBefore;
            double keys = Http.metric(metrics, "gateway_auth_apikey_lookup_keys_sum") - keysBefore;
            double rejected = Http.metric(metrics, "gateway_auth_apikey_lookup_rejected_total") - rejectedBefore;
            double unknown = Http.metric(metrics, AUTH_OUTCOMES, "reason=\"unknown_key\"") - unknownBefore;
            double unlisted = Http.metric(metrics, "gateway_auth_apikey_unlisted_refused_total") - unlistedBefore;
            double unavailable =
                    Http.metric(metrics, AUTH_OUTCOMES, "reason=\"key_store_unavailable\"") - unavailableBefore;
            report.append("## Random-key flood\n\nOne gateway instance of its own (no paranoid leak detection);"
                            + " random well-formed keys (valid checksums, unknown, each once) sent open loop at ")
                    .append(floodRate)
                    .append(" req/s from one process while another probes with a valid cached key at ")
                    .append(probeRate)
                    .append(" req/s, latency from when each request was due")
                    .append(pinned ? "; the gateway on CPU 0, the generators on CPU 1" : "; nothing pinned")
                    .append(".\n\n")
                    .append(String.format(
                            "- flood: %.0f req/s sent (%d non-2xx, %d errors): %.0f answered 401 unknown"
                                    + " key (%.0f of them without a lookup: not among the stored keys), %.0f answered"
                                    + " 503 (lookups refused: %.0f)%n",
                            floodResult.get("requests") / floodSeconds,
                            floodResult.get("non2xx"),
                            floodResult.get("socket_errors"),
                            unknown,
                            unlisted,
                            unavailable,
                            rejected))
                    .append(String.format(
                            "- database: %.0f queries/s reading %.0f keys/s (%.1f keys per query)%n",
                            queries / (seconds + 13), keys / (seconds + 13), queries == 0 ? 0 : keys / queries))
                    .append(String.format(
                            "- valid key: p50 %.2f ms, p99 %.2f ms with the flood; p50 %.2f ms,"
                                    + " p99 %.2f ms without (non-2xx %d / %d)%n",
                            flooded.get("p50_us") / 1000.0,
                            flooded.get("p99_us") / 1000.0,
                            baseline.get("p50_us") / 1000.0,
                            baseline.get("p99_us") / 1000.0,
                            flooded.get("non2xx"),
                            baseline.get("non2xx")))
                    .append(String.format(
                            "- control, a flood of malformed keys instead (answered 401 without any key"
                                    + " work; %.0f req/s sent): valid key p50 %.2f ms, p99 %.2f ms%n%n",
                            malformedResult.get("requests") / (malformedResult.get("duration_us") / 1e6),
                            malformedFlooded.get("p50_us") / 1000.0,
                            malformedFlooded.get("p99_us") / 1000.0));
        } finally {
            pinGenerators = false;
            gateways.remove(INSTANCES);
            prometheus.remove(INSTANCES);
        }
    }

    /** Moves every thread of process {@code pid} to {@code cpus}; false where that is not possible. */
    private static boolean pin(long pid, String cpus) throws InterruptedException {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return taskset.waitFor() == 0 && Runtime.getRuntime().availableProcessors() > 1;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@link dev.apigw.bench.ConstantRate} in a process of its own (same class path) and returns its
     * RESULT figures.
     */
    private Map<String, Long> constantRate(
            String url, int rate, int seconds, Path keys, boolean expectRejections, boolean attacker) throws Exception {
        List<String> command = new ArrayList<>();
        if (attacker) {
            // The flood's generator yields its core to the probe's: on a real deployment they are
            // different machines, and the probe must measure the gateway, not its neighbour on CPU 1.
            command.addAll(List.of("nice", "-n", "19"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.apigw.bench.ConstantRate",
                url,
                Integer.toString(rate),
                Integer.toString(seconds),
                keys.toString(),
                "x-api-key"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (pinGenerators) {
            pin(process.pid(), "1"); // its first milliseconds may run elsewhere; it warms itself for 5 s
        }
        String output = new String(process.getInputStream().readAllBytes());
        require(process.waitFor() == 0, "load generator failed: " + output);
        String result = output.lines()
                .filter(line -> line.startsWith("RESULT "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no RESULT from the load generator: " + output));
        Map<String, Long> figures = new HashMap<>();
        for (String pair : result.substring("RESULT ".length()).split(" ")) {
            String[] parts = pair.split("=");
            figures.put(parts[0], Long.parseLong(parts[1]));
        }
        require(expectRejections || figures.get("non2xx") == 0, "valid key refused: " + result);
        return figures;
    }

    /** Mixed traffic for a while; heap and direct memory before and after. */
    private void soak(Duration length) throws Exception {
        String gateway = gateways.get(0);
        String metrics = prometheus.get(0);
        List<Fixture.Key> valid = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            valid.add(db.newKey());
        }
        Fixture.Key revoked = db.newKey();
        db.revoke(revoked.id());
        double heapBefore = Http.metric(metrics, "jvm_memory_used_bytes", "area=\"heap\"");
        double directBefore = Http.metric(metrics, "jvm_buffer_memory_used_bytes", "id=\"direct\"");
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        KeyFormat format = KeyFormat.defaults();
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int loop = i;
            loops.add(pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String url = gateway + "/api/soak";
                    switch ((n + loop) % 5) {
                        case 0 ->
                            count(
                                    statuses,
                                    "valid "
                                            + Http.get(
                                                    url,
                                                    key(valid.get(n % valid.size())
                                                            .value())));
                        case 1 ->
                            count(
                                    statuses,
                                    "unknown "
                                            + Http.get(
                                                    url, key(format.generate().value())));
                        case 2 -> count(statuses, "revoked " + Http.get(url, key(revoked.value())));
                        case 3 -> count(statuses, "malformed " + Http.get(url, key("gwk_nope")));
                        default -> {
                            try {
                                count(
                                        statuses,
                                        "body-no-credentials "
                                                + Http.post(url, "{\"x\":\"" + "y".repeat(4000) + "\"}", Map.of())
                                                        .statusCode());
                            } catch (Exception e) {
                                count(statuses, "body-no-credentials error");
                            }
                        }
                    }
                    n++;
                }
            }));
        }
        Thread.sleep(length.toMillis());
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        double heapAfter = Http.metric(metrics, "jvm_memory_used_bytes", "area=\"heap\"");
        double directAfter = Http.metric(metrics, "jvm_buffer_memory_used_bytes", "id=\"direct\"");
        report.append("## Soak\n\n")
                .append(length.toSeconds())
                .append(" s of mixed traffic on one instance")
                .append(" (valid, unknown, revoked, malformed keys; bodies without credentials).\n\n")
                .append("| kind, status | responses |\n| --- | ---: |\n");
        statuses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> report.append("| ")
                        .append(entry.getKey())
                        .append(" | ")
                        .append(entry.getValue().get())
                        .append(" |\n"));
        report.append(String.format(
                "%nHeap used %.0f MiB before, %.0f MiB after (sampled, GC-dependent); direct"
                        + " buffers %.1f MiB before, %.1f MiB after.%n%n",
                heapBefore / 1048576, heapAfter / 1048576, directBefore / 1048576, directAfter / 1048576));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
