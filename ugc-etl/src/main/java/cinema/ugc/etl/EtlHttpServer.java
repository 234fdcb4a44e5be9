package cinema.ugc.etl;

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
import java.util.function.Supplier;

/**
 * The standalone ETL's tiny HTTP side: {@code /metrics} (Prometheus text), {@code /health/live},
 * {@code /health/ready} and {@code /status} (JSON). The JDK's server is enough for a scrape every few seconds; the
 * API process has its own Vert.x server instead.
 */
public final class EtlHttpServer implements AutoCloseable {
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
        String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + status.state() + "\"}";
        send(ex, up ? 200 : 503, "application/json", body);
    }

    static String json(EtlStatus s) {
        StringBuilder lag = new StringBuilder("{");
        s.lagByPartition().forEach((p, l) -> lag.append(lag.length() > 1 ? "," : "").append('"').append(p)
                .append("\":").append(l));
        lag.append('}');
        return "{\"state\":\"" + s.state() + "\",\"running\":" + s.running() + ",\"consumed\":" + s.consumed()
                + ",\"inserted\":" + s.inserted() + ",\"dead_lettered\":" + s.deadLettered()
                + ",\"lag\":" + (s.lag() < 0 ? "null" : s.lag())
                + ",\"lag_by_partition\":" + lag + ",\"pending\":" + s.pending() + ",\"error\":"
                + (s.error() == null ? "null" : quote(s.error())) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
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
