package dev.apigw.reliability;

import dev.apigw.testsupport.TcpRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits scenario (#23): every gateway holds one key to its rate limit through Redis under
 * concurrent load, then Redis is cut off (a relay the suite controls) mid-run: no 5xx, limits held per
 * instance, and how soon every gateway is back on Redis after it returns.
 */
final class SharedLimits {

    private static final long LIMIT = 100;
    private static final int WORKERS_PER_INSTANCE = 4;

    private final Fixture db;
    private final List<String> gateways;
    private final List<String> prometheus;
    private final ExecutorService pool;
    private final TcpRelay relay;

    SharedLimits(Fixture db, List<String> gateways, List<String> prometheus, ExecutorService pool, TcpRelay relay) {
        this.db = db;
        this.gateways = gateways;
        this.prometheus = prometheus;
        this.pool = pool;
        this.relay = relay;
    }

    void run(StringBuilder report, Duration shared, Duration outage) throws Exception {
        Fixture.Key key = db.newKey();
        db.rateLimit(key.id(), LIMIT, LIMIT);
        for (String gateway : gateways) {
            Http.get(gateway + "/api/x", Map.of("x-api-key", key.value())); // each instance caches the key
        }
        Thread.sleep(1500); // the bucket full again

        AtomicReference<String> phase = new AtomicReference<>("shared");
        Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> loops = new ArrayList<>();
        for (String gateway : gateways) {
            for (int worker = 0; worker < WORKERS_PER_INSTANCE; worker++) {
                loops.add(pool.submit(() -> {
                    while (running.get()) {
                        int status = Http.get(gateway + "/api/x", Map.of("x-api-key", key.value()));
                        String bucket = status == 200 || status == 429
                                ? Integer.toString(status)
                                : status >= 500 ? "5xx" : "other";
                        counts.computeIfAbsent(phase.get() + " " + bucket, k -> new AtomicLong())
                                .incrementAndGet();
                    }
                }));
            }
        }
        long started = System.nanoTime();
        Thread.sleep(shared.toMillis());
        double sharedSeconds = (System.nanoTime() - started) / 1e9;
        phase.set("between");
        Thread.sleep(2000);

        phase.set("outage");
        long cut = System.nanoTime();
        relay.cut();
        Thread.sleep(outage.toMillis());
        double outageSeconds = (System.nanoTime() - cut) / 1e9;
        phase.set("after");
        relay.restore();
        long restored = System.nanoTime();
        long backMillis = -1;
        while (System.nanoTime() - restored < Duration.ofSeconds(30).toNanos()) {
            double down = 0;
            for (String url : prometheus) {
                down += Http.metric(url, "gateway_ratelimit_store_down");
            }
            if (down == 0) {
                backMillis = (System.nanoTime() - restored) / 1_000_000;
                break;
            }
            Thread.sleep(20);
        }
        Thread.sleep(2000);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }

        long admitted = count(counts, "shared 200");
        double expected = LIMIT + LIMIT * sharedSeconds;
        report.append("## Shared rate limit, and Redis cut off\n\n")
                .append("One key limited to ")
                .append(LIMIT)
                .append(" requests a second (burst ")
                .append(LIMIT)
                .append("), ")
                .append(WORKERS_PER_INSTANCE)
                .append(" request loops per instance on all ")
                .append(gateways.size())
                .append(" instances, counted in Redis. Then Redis is cut off (a relay between the gateways and")
                .append(" Redis closes every connection and refuses new ones) for ")
                .append(outage.toSeconds())
                .append(" s, under the same load.\n\n| phase, status | responses |\n| --- | ---: |\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> report.append("| ")
                        .append(entry.getKey())
                        .append(" | ")
                        .append(entry.getValue().get())
                        .append(" |\n"));
        report.append(String.format(
                        "%nShared phase: %d admitted in %.1f s against %.0f allowed (burst + limit × time): %+.1f %%.%n",
                        admitted, sharedSeconds, expected, 100.0 * (admitted - expected) / expected))
                .append(String.format(
                        "Outage: %d admitted in %.1f s, %.2f × the shared allowance (each instance counts alone;"
                                + " up to %d × expected); 5xx in every phase: %d.%n",
                        count(counts, "outage 200"),
                        outageSeconds,
                        count(counts, "outage 200") / (LIMIT + LIMIT * outageSeconds),
                        gateways.size(),
                        count(counts, "shared 5xx")
                                + count(counts, "between 5xx")
                                + count(counts, "outage 5xx")
                                + count(counts, "after 5xx")))
                .append("Back on Redis (gateway_ratelimit_store_down 0 at every instance) ")
                .append(backMillis)
                .append(" ms after Redis answered again.\n\n");
    }

    private static long count(Map<String, AtomicLong> counts, String key) {
        AtomicLong value = counts.get(key);
        return value == null ? 0 : value.get();
    }
}
