package dev.apigw.e2e;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client speaking to the gateway, as an external service would. */
final class Client {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RunningSystem system;

    Client(RunningSystem system) {
        this.system = system;
    }

    record Response(int status, String body) {
        <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(system.gateway(path))).GET(), headers);
    }

    Response post(String path, String json, Map<String, String> headers) {
        return send(
                HttpRequest.newBuilder(URI.create(system.gateway(path)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    Response delete(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(system.gateway(path))).DELETE(), headers);
    }

    String login(String username, String password) {
        Response response = post(
                "/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", Map.of());
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response);
        }
        return response.json("$.access_token");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> apiKey(String key) {
        return Map.of("x-api-key", key);
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
