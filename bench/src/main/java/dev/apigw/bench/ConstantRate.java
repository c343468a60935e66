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
import java.util.function.IntConsumer;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop load generator: sends at a constant rate whatever the responses do, and measures each
 * latency from when the request was due, so a stall is counted in full (no coordinated omission).
 * For latency below saturation, which is what "p99 added" targets are about.
 *
 * <p>Usage: {@code ConstantRate <url> <rate/s> <seconds> [cred-file header prefix]}, with the warm-up
 * set by {@code WARMUP_SECONDS} (default 5) and {@code WARMUP_CREDS} ({@code all}, or by default the
 * second half of the file); prints one {@code RESULT} line like the wrk script's. With
 * {@code GENERATOR_CONNECTIONS} set it sends over that many kept-alive connections (Reactor Netty)
 * instead of the JDK's client, which opens one per request in flight.
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
        String connections = System.getenv("GENERATOR_CONNECTIONS");
        Sender client = connections == null
                ? jdkClient(url, header, prefix)
                : pooledClient(url, header, prefix, Integer.parseInt(connections));
        // Warm this JVM and its connections first: a cold client would measure itself, not the gateway.
        // By default for 5 s on the second half of the credentials (so that each of the first half is still
        // new when measured); WARMUP_CREDS=all sends them all, in the order and at the rate measured, so
        // that a WARMUP_SECONDS as long as the key cache's ttl measures keys in steady use.
        int warmupSeconds = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "5"));
        boolean warmAll = "all".equals(System.getenv("WARMUP_CREDS"));
        send(
                client,
                rate,
                warmupSeconds,
                warmAll || creds.size() <= 1 ? creds : creds.subList(creds.size() / 2, creds.size()));
        Result result = send(client, rate, seconds, creds);
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

    /** Sends one request with the credential (or none), then reports its status, or -1 on an error. */
    private interface Sender {
        void send(String credential, IntConsumer status);
    }

    /** The JDK's client: a connection per request in flight, as many as it takes. */
    private static Sender jdkClient(URI url, String header, String prefix) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return (credential, status) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
            if (credential != null) {
                request.header(header, prefix + credential);
            }
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> status.accept(error != null ? -1 : response.statusCode()));
        };
    }

    /**
     * Reactor Netty on one event loop with at most {@code connections} connections (GENERATOR_CONNECTIONS):
     * for rates of thousands a second, where the JDK's client opens connections until sockets run out. A
     * request waiting for a connection is still timed from when it was due.
     */
    private static Sender pooledClient(URI url, String header, String prefix, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("generator")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(10))
                .build();
        reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create(pool)
                .runOn(LoopResources.create("generator", 1, true))
                .responseTimeout(Duration.ofSeconds(10));
        return (credential, status) -> client.headers(headers -> {
                    if (credential != null) {
                        headers.set(header, prefix + credential);
                    }
                })
                .get()
                .uri(url)
                .responseSingle((response, body) ->
                        body.then(Mono.just(response.status().code())))
                .subscribe(status::accept, error -> status.accept(-1));
    }

    private static Result send(Sender client, int rate, int seconds, List<String> creds) throws InterruptedException {
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
            int index = i;
            client.send(creds.isEmpty() ? null : creds.get(i % creds.size()), status -> {
                latencies[index] = System.nanoTime() - due;
                if (status < 0) {
                    errors.incrementAndGet();
                } else if (status / 100 != 2) {
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
