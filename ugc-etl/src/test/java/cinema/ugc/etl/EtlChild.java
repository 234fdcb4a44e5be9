package cinema.ugc.etl;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The standalone ETL ({@link StandaloneEtl#main}) as a separate JVM on the test class path, to SIGKILL at will. */
final class EtlChild implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;

    private EtlChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EtlChild start(Map<String, String> env, Path log) {
        int port = freePort();
        // The DuckDB driver unpacks its 55 MB native library into java.io.tmpdir and deletes it at a clean exit only:
        // each SIGKILL would leave one behind in /tmp. Beside the log, it goes with the test's temporary directory.
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + log.toAbsolutePath().getParent(), "-cp", classPath(),
                StandaloneEtl.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("UGC_ETL_HTTP_PORT", Integer.toString(port));
        try {
            return new EtlChild(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ETL JVM", e);
        }
    }

    /** The child's /status, or null while it is not answering. */
    JsonNode status() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    long consumed() {
        JsonNode s = status();
        return s == null ? -1 : s.path("consumed").asLong();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** SIGTERM: the ETL flushes, commits and exits. Returns the exit code. */
    int terminate() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        return Ports.free();
    }
}
