package dev.apigw.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends at a constant rate whatever the responses do, and measures each
 * latency from when the request was due, so a stall is counted in full (no coordinated omission).
 * For latency below saturation, which is what "p99 added" targets are about.
 *
 * <p>Usage: {@code ConstantRate <url> <rate/s> <seconds> [cred-file header prefix]}, with the warm-up
 * set by {@code WARMUP_SECONDS} (default 5) and {@code WARMUP_CREDS} ({@code all}, or by default the
 * second half of the file); prints one {@code RESULT} line like the wrk script's.
 */
public final class ConstantRate {

    private ConstantRate() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> creds = args.length > 3 ? Files.readAllLines(Path.of(args[3])) : List.of();
        String header = args.length > 4 ? args[4] : null;
        String prefix = args.length > 5 ? args[5] : "";
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        // Warm this JVM and its connections first: a cold client would measure itself, not the gateway.
        // By default for 5 s on the second half of the credentials (so that each of the first half is still
        // new when measured); WARMUP_CREDS=all sends them all, in the order and at the rate measured, so
        // that a WARMUP_SECONDS as long as the key cache's ttl measures keys in steady use.
        int warmupSeconds = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "5"));
        boolean warmAll = "all".equals(System.getenv("WARMUP_CREDS"));
        send(
                client,
                url,
                rate,
                warmupSeconds,
                warmAll || creds.size() <= 1 ? creds : creds.subList(creds.size() / 2, creds.size()),
                header,
                prefix);
        Result result = send(client, url, rate, seconds, creds, header, prefix);
        System.out.printf(
                "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d"
                        + " max_us=%d%n",
                result.latencies.length,
                result.elapsedNanos / 1000,
                result.non2xx,
                result.errors,
                pct(result.latencies, 50),
                pct(result.latencies, 90),
                pct(result.latencies, 99),
                result.latencies[result.latencies.length - 1] / 1000);
        System.exit(0);
    }

    private record Result(long[] latencies, long elapsedNanos, int non2xx, int errors) {}

    private static Result send(
            HttpClient client, URI url, int rate, int seconds, List<String> creds, String header, String prefix)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger non2xx = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
            if (!creds.isEmpty()) {
                request.header(header, prefix + creds.get(i % creds.size()));
            }
            int index = i;
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[index] = System.nanoTime() - due;
                        if (error != null) {
                            errors.incrementAndGet();
                        } else if (response.statusCode() / 100 != 2) {
                            non2xx.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        done.await(30, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(sorted, elapsed, non2xx.get(), errors.get());
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1000;
    }
}
