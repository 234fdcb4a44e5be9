package cinema.ugc.ops.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private ClickHouse server (Debian's {@code clickhouse-server}, 18.16 here) for a test or a storage benchmark: the
 * system config copied into a temp dir with its own free loopback ports, data and log paths. {@link #restart()} keeps
 * ports and data, so a test can take the server away and bring it back.
 */
public final class ClickHouseServer implements AutoCloseable {
    private static final Path SYSTEM_CONFIG = Path.of("/etc/clickhouse-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Bounds {@link #sql}: long enough for a benchmark's set-up statement, short of hanging a run forever. */
    private static final Duration SQL_TIMEOUT = Duration.ofMinutes(10);

    private final Path dir;
    private final int httpPort;
    private final int tcpPort;
    private final int interserverPort;
    private final Path binary;
    private final ServerProcess process;
    private final ClickHouseHttp http;

    private ClickHouseServer(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
        this.httpPort = ServerProcess.freePort();
        this.tcpPort = ServerProcess.freePort();
        this.interserverPort = ServerProcess.freePort();
        this.process = new ServerProcess("clickhouse-server:" + httpPort, dir.resolve("stdout.log"));
        this.http = ClickHouseHttp.loopback(httpPort);
    }

    /** Starts a fresh server under {@code tmp} and waits until it answers {@code /ping}. */
    public static ClickHouseServer start(Path tmp) {
        return start(tmp, Map.of());
    }

    /**
     * @param configD extra files for {@code config.d/} (name → XML), e.g. ZooKeeper, macros and clusters
     */
    public static ClickHouseServer start(Path tmp, Map<String, String> configD) {
        Path binary = ServerProcess.requireBinary(
                "clickhouse-server",
                Path.of("/usr/bin/clickhouse-server"),
                Path.of("/usr/sbin/clickhouse-server"),
                Path.of("/usr/bin/clickhouse"));
        if (!Files.isReadable(SYSTEM_CONFIG.resolve("config.xml"))) {
            throw new IllegalStateException(SYSTEM_CONFIG + "/config.xml is missing; run scripts/install-test-deps.sh");
        }
        try {
            Path dir = Files.createTempDirectory(tmp, "clickhouse-");
            ClickHouseServer server = new ClickHouseServer(dir, binary);
            server.writeConfig(configD);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeConfig(Map<String, String> configD) throws IOException {
        String config = Files.readString(SYSTEM_CONFIG.resolve("config.xml"))
                .replace("<http_port>8123</http_port>", "<http_port>" + httpPort + "</http_port>")
                .replace("<tcp_port>9000</tcp_port>", "<tcp_port>" + tcpPort + "</tcp_port>")
                .replace(
                        "<interserver_http_port>9009</interserver_http_port>",
                        "<interserver_http_port>" + interserverPort + "</interserver_http_port>")
                .replace("<!-- <listen_host>::</listen_host> -->", "<listen_host>127.0.0.1</listen_host>")
                .replace("/var/lib/clickhouse/", dir.resolve("data") + "/")
                .replace("/var/log/clickhouse-server/", dir.resolve("log") + "/");
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(dir.resolve("config.xml"), config);
        Files.copy(SYSTEM_CONFIG.resolve("users.xml"), dir.resolve("users.xml"));
        if (!configD.isEmpty()) {
            Files.createDirectories(dir.resolve("config.d"));
            for (Map.Entry<String, String> f : configD.entrySet()) {
                Files.writeString(dir.resolve("config.d").resolve(f.getKey()), f.getValue());
            }
        }
    }

    private void launch() {
        process.startAndAwait(
                List.of(binary.toString(), "--config-file=" + dir.resolve("config.xml")), http::ping, START_TIMEOUT);
    }

    /** Whether the server answers {@code GET /ping} right now. */
    public boolean ping() {
        return http.ping();
    }

    /** Runs one statement over HTTP (no client library), returning the body; for set-up and assertions. */
    public String sql(String statement) {
        return http.execute(statement, SQL_TIMEOUT);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int interserverPort() {
        return interserverPort;
    }

    public Path dir() {
        return dir;
    }

    public boolean running() {
        return process.alive();
    }

    /** SIGTERM and wait (SIGKILL after 30 s). */
    public void stop() {
        process.terminate(Duration.ofSeconds(30));
    }

    /** SIGKILL: the server dies mid-whatever. */
    public void kill() {
        process.kill();
    }

    /** Starts the stopped (or killed) server again on the same ports and data; waits for {@code /ping}. */
    public void restart() {
        if (process.alive()) {
            stop();
        }
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ClickHouseServer[" + httpUrl() + ", " + dir + "]";
    }
}
