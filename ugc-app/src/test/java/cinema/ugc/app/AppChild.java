package cinema.ugc.app;

import static org.awaitility.Awaitility.await;

import cinema.ugc.kafka.internal.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code ./ugc} command ({@code cinema.ugc.app.Main run|etl}) as a separate JVM on the test class path, to SIGKILL
 * at will. The DuckDB driver unpacks its native library into java.io.tmpdir and removes it at a clean exit only, so
 * each SIGKILL would leave one behind in /tmp: java.io.tmpdir is the test's own temporary directory instead.
 */
public final class AppChild implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;

    private AppChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * {@code ugc run}.
     *
     * @param env the settings, UGC_HTTP_PORT included (a fixed port: the test talks to it across restarts); the data
     *            directory's parent is the test's temporary directory
     */
    public static AppChild run(Map<String, String> env, Path log) {
        Path tmp = Path.of(env.get("UGC_DATA_DIR")).toAbsolutePath().getParent();
        return start(
                List.of("-Xmx512m", "-XX:+UseSerialGC"),
                "run",
                tmp,
                env,
                Integer.parseInt(env.get("UGC_HTTP_PORT")),
                log);
    }

    /** {@code ugc etl} with its /metrics, /health and /status on a free port; the log's directory is its tmpdir. */
    public static AppChild etl(Map<String, String> env, Path log) {
        int port = Ports.free();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("UGC_ETL_HTTP_PORT", Integer.toString(port));
        return start(
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "etl",
                log.toAbsolutePath().getParent(),
                withPort,
                port,
                log);
    }

    private static AppChild start(
            List<String> jvm, String command, Path tmp, Map<String, String> env, int port, Path log) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvm);
        line.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", classPath(), Main.class.getName(), command));
        ProcessBuilder pb = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            return new AppChild(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ugc " + command, e);
        }
    }

    /** Whether {@code /health/ready} answers 200. */
    public boolean ready() {
        HttpResponse<String> r = get("/health/ready");
        return r != null && r.statusCode() == 200;
    }

    /** The ETL's {@code /status}, or null while it is not answering. */
    public JsonNode status() {
        HttpResponse<String> r = get("/status");
        try {
            return r == null ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** Records the ETL consumed since it started, -1 while it is not answering. */
    public long consumed() {
        JsonNode s = status();
        return s == null ? -1 : s.path("consumed").asLong();
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit (an embedded broker dies with it). */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** SIGTERM: the orderly shutdown. Returns the exit code. */
    public int terminate() {
        return terminate(Duration.ofSeconds(60));
    }

    /** SIGTERM; returns the exit code, or -1 (after a SIGKILL) when the process has not ended {@code within}. */
    public int terminate(Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
