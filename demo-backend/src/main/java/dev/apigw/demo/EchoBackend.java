package dev.apigw.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A stand-in for a backend team's service: answers every request with JSON that shows the method,
 * the path and the identity headers it received from the gateway. {@code GET /health} answers
 * {@code {"status":"UP"}}. Port from the first argument or {@code PORT} (default 8090).
 */
public final class EchoBackend {

    /** Headers worth showing: the identity the gateway injects and the request id. */
    static final List<String> SHOWN = List.of(
            "x-user-id",
            "x-auth-method",
            "x-api-key-id",
            "x-auth-scopes",
            "x-request-id",
            "x-api-key",
            "authorization");

    private EchoBackend() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8090"));
        String host = System.getenv().getOrDefault("BIND_ADDRESS", "127.0.0.1");
        HttpServer server = start(new InetSocketAddress(host, port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "echo-backend-stop"));
        System.out.println("demo-backend listening on http://" + host + ":"
                + server.getAddress().getPort());
    }

    public static HttpServer start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 128);
        server.createContext("/", EchoBackend::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String body =
                    exchange.getRequestURI().getPath().equals("/health") ? "{\"status\":\"UP\"}\n" : describe(exchange);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String describe(HttpExchange exchange) {
        Map<String, String> shown = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (SHOWN.contains(lower)) {
                // A real backend never needs the credentials; show only that they arrived.
                boolean secret = lower.equals("x-api-key") || lower.equals("authorization");
                shown.put(lower, secret ? "<present>" : String.join(",", values));
            }
        });
        StringBuilder json = new StringBuilder("{\"method\":")
                .append(quote(exchange.getRequestMethod()))
                .append(",\"path\":")
                .append(quote(exchange.getRequestURI().getRawPath()))
                .append(",\"headers\":{");
        shown.forEach((name, value) ->
                json.append(quote(name)).append(':').append(quote(value)).append(','));
        if (!shown.isEmpty()) {
            json.setLength(json.length() - 1);
        }
        return json.append("}}\n").toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
