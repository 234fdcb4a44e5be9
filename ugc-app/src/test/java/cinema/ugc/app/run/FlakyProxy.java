package cinema.ugc.app.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of the API that, for its first {@code failures} batch POSTs, lets the API write the events
 * and then answers 503 + {@code Retry-After: 1} instead of the API's 202 — the worst case for a client: the events
 * are in Kafka but the client believes they are not. Every other request passes through unchanged (CORS headers
 * included); the event ids of every batch it saw are kept, and the preflights of the batch endpoint the API answered
 * are counted — those of the pages that talk to this proxy alone, whatever other pages send to the API meanwhile.
 */
final class FlakyProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client;
    private final int apiPort;
    private final AtomicInteger failuresLeft;
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger preflights = new AtomicInteger();
    final int port;

    private FlakyProxy(Vertx vertx, int apiPort, int failures) {
        this.client = vertx.createHttpClient();
        this.apiPort = apiPort;
        this.failuresLeft = new AtomicInteger(failures);
        this.server = vertx.createHttpServer()
                .requestHandler(this::forward)
                .listen(0, "127.0.0.1")
                .await();
        this.port = server.actualPort();
    }

    static FlakyProxy start(Vertx vertx, int apiPort, int failures) {
        return new FlakyProxy(vertx, apiPort, failures);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    private void forward(HttpServerRequest in) {
        in.body()
                .compose(body -> {
                    boolean batch = in.path().equals("/api/v1/events/batch")
                            && in.method().name().equals("POST");
                    if (batch) {
                        batches.add(new JsonArray(body.toString())
                                .stream()
                                        .map(e -> ((io.vertx.core.json.JsonObject) e).getString("event_id"))
                                        .toList());
                    }
                    RequestOptions options = new RequestOptions()
                            .setMethod(in.method())
                            .setHost("127.0.0.1")
                            .setPort(apiPort)
                            .setURI(in.uri())
                            .setHeaders(in.headers().copy().remove("Host"));
                    return client.request(options)
                            .compose(out -> out.send(body))
                            .compose(answer -> answer.body().map(b -> reply(in, answer, b, batch)));
                })
                .onFailure(e -> in.response().setStatusCode(502).end());
    }

    private Void reply(HttpServerRequest in, HttpClientResponse answer, Buffer body, boolean batch) {
        if (in.method().name().equals("OPTIONS")
                && in.path().equals("/api/v1/events/batch")
                && answer.statusCode() == 204) {
            preflights.incrementAndGet();
        }
        var out = in.response();
        answer.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")) {
                out.headers().add(k, v);
            }
        });
        if (batch && answer.statusCode() == 202 && failuresLeft.getAndDecrement() > 0) {
            out.setStatusCode(503)
                    .putHeader("Retry-After", "1")
                    .putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"the test proxy lost the API's 202\"}");
        } else {
            out.setStatusCode(answer.statusCode()).end(body);
        }
        return null;
    }

    @Override
    public void close() {
        Future<Void> closing = server.close();
        closing.await();
        client.close().await();
    }
}
