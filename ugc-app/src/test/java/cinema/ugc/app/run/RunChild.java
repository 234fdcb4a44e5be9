package cinema.ugc.app.run;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ugc run} ({@code cinema.ugc.app.Main run}) as a separate JVM on the test class path, to SIGKILL at will. */
final class RunChild implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final int port;

    private RunChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param env the settings, UGC_HTTP_PORT included (a fixed port: the test talks to it across restarts). The
     *            DuckDB driver unpacks its native library into java.io.tmpdir and removes it at a clean exit only, so
     *            that is the data directory's parent (the test's temporary directory), not /tmp.
     */
    static RunChild start(Map<String, String> env, Path log) {
        Path tmp = Path.of(env.get("UGC_DATA_DIR")).toAbsolutePath().getParent();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                "-cp", classPath(), "cinema.ugc.app.Main", "run");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            return new RunChild(pb.start(), Integer.parseInt(env.get("UGC_HTTP_PORT")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ugc run", e);
        }
    }

    /** Whether {@code /health/ready} answers 200. */
    boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit; the embedded broker dies with it. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** SIGTERM: the orderly shutdown. Returns the exit code. */
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
}
