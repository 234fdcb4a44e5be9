package cinema.ugc.testkit;

import cinema.ugc.ops.servers.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Prometheus-family server (Debian's {@code prometheus} or {@code prometheus-alertmanager}) for one test: its
 * config in a temp dir, its storage there too, a free loopback port; ready when {@code GET /-/ready} answers 200.
 */
public final class MonitoringProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path dir;
    private final int port;
    private final ServerProcess process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MonitoringProcess(String name, Path dir, int port) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.process = new ServerProcess(name + ":" + port, dir.resolve("stdout.log"));
    }

    /**
     * Starts Prometheus with {@code config} as prometheus.yml; {@code files} (name → text) are written beside it,
     * so the config can name rule files by their bare names.
     */
    public static MonitoringProcess prometheus(Path tmp, String config, Map<String, String> files) {
        Path binary = ServerProcess.requireBinary("prometheus", Path.of("/usr/bin/prometheus"));
        return start(
                "prometheus",
                tmp,
                config,
                files,
                p -> List.of(
                        binary.toString(),
                        "--config.file=" + p.dir.resolve("config.yml"),
                        "--storage.tsdb.path=" + p.dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + p.port));
    }

    /** Starts Alertmanager with {@code config} as its configuration, clustering off. */
    public static MonitoringProcess alertmanager(Path tmp, String config) {
        Path binary = ServerProcess.requireBinary(
                "alertmanager", Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/bin/alertmanager"));
        return start(
                "alertmanager",
                tmp,
                config,
                Map.of(),
                p -> List.of(
                        binary.toString(),
                        "--config.file=" + p.dir.resolve("config.yml"),
                        "--storage.path=" + p.dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + p.port,
                        "--cluster.listen-address="));
    }

    private static MonitoringProcess start(
            String name,
            Path tmp,
            String config,
            Map<String, String> files,
            Function<MonitoringProcess, List<String>> command) {
        try {
            MonitoringProcess server =
                    new MonitoringProcess(name, Files.createTempDirectory(tmp, name + "-"), ServerProcess.freePort());
            Files.writeString(server.dir.resolve("config.yml"), config);
            for (var f : files.entrySet()) {
                Files.writeString(server.dir.resolve(f.getKey()), f.getValue());
            }
            server.launch(command.apply(server));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(List<String> command) {
        process.startAndAwait(command, this::ready, START_TIMEOUT);
    }

    private boolean ready() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET of an API path (e.g. {@code /api/v1/alerts}); returns the body, fails unless 200. */
    public String get(String path) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url() + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + r.statusCode() + " to " + path + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prometheus only: the JSON answer of an instant query. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The last lines of its output, for failure messages. */
    public String tail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.terminate(Duration.ofSeconds(20));
    }
}
