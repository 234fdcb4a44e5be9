package cinema.ugc.app.run;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP to a run assembly: what a player or an analyst would send. */
final class ApiClient {
    /** HTTP/1.1: the JDK client's h2c upgrade once read a /metrics answer as HTTP/2 frames ("Frame type(101)"). */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** Posts a batch and returns the accepted event ids; fails unless the API answers 202. */
    JsonArray postBatch(String token, JsonArray events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events/batch"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.encode()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body()).getJsonArray("event_ids");
    }

    /** The Prometheus text of {@code /metrics}. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200 from /metrics, got " + response.statusCode());
        }
        return response.body();
    }

    JsonObject getJson(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "expected 200 from " + path + ", got " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }
}
