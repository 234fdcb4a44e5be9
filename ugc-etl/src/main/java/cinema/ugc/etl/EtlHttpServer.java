package cinema.ugc.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The standalone ETL's tiny HTTP side: {@code /metrics} (Prometheus text), {@code /health/live},
 * {@code /health/ready} and {@code /status} (JSON). The JDK's server is enough for a scrape every few seconds; the
 * API process has its own Vert.x server instead.
 */
public final class EtlHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private EtlHttpServer(HttpServer server) {
        this.server = server;
    }

    public static EtlHttpServer start(int port, PrometheusMeterRegistry registry, Supplier<EtlStatus> status) {
        bindJvmMeters(registry);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                    registry.scrape()));
            server.createContext("/health/live", ex -> health(ex, status.get().live(), status.get()));
            server.createContext("/health/ready", ex -> health(ex, status.get().ready(), status.get()));
            server.createContext("/status", ex -> send(ex, 200, "application/json", json(status.get())));
            server.start();
            return new EtlHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the ETL's /metrics and /health on port " + port
                    + " (set UGC_ETL_HTTP_PORT)", e);
        }
    }

    /** Memory, GC pauses, threads and CPU of this JVM, for the dashboard's process panels (the API does the same). */
    @SuppressWarnings("resource")   // the GC listener lives as long as the process
    private static void bindJvmMeters(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange ex, boolean up, EtlStatus status) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", status.state());
        send(ex, up ? 200 : 503, "application/json", JSON.writeValueAsString(body));
    }

    static String json(EtlStatus s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", s.state());
        body.put("running", s.running());
        body.put("consumed", s.consumed());
        body.put("inserted", s.inserted());
        body.put("dead_lettered", s.deadLettered());
        body.put("lag", s.lag() < 0 ? null : s.lag());
        body.put("lag_by_partition", new TreeMap<>(s.lagByPartition()));
        body.put("pending", s.pending());
        body.put("error", s.error());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ETL status as JSON", e);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
