package cinema.ugc.ops.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL 15 cluster: initdb in a temp dir, {@code pg_ctl start} on a free loopback port with the
 * socket in that dir. initdb refuses root, so as root everything runs as the {@code postgres} user in a directory it
 * owns (outside JUnit's private temp dir, which {@code postgres} cannot enter); the directory is deleted on close.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;
    private final Thread hook;
    private boolean running;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.hook = new Thread(this::stopQuietly, "postgres-" + port + "-shutdown");
    }

    /** Starts a fresh cluster; {@code tmp} is only a hint for logs (the data dir must be reachable by postgres). */
    public static PostgresServer start(Path tmp) {
        ServerProcess.requireBinary("PostgreSQL 15 (initdb)", BIN.resolve("initdb"));
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ugc-postgres-");
            PostgresServer server = new PostgresServer(dir, ServerProcess.freePort());
            Runtime.getRuntime().addShutdownHook(server.hook);
            server.initAndStart();
            LOG.info("PostgreSQL started on port {} in {} (work dir {})", server.port, dir, tmp);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initAndStart() throws IOException {
        if (isRoot()) {
            chownToPostgres(dir);
        }
        run(List.of(
                BIN.resolve("initdb").toString(),
                "-D",
                data(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"));
        start();
    }

    private void start() {
        run(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                "-w",
                "-t",
                "60",
                "start"));
        running = true;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}; the user is {@code postgres}, no password. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    /** Fast shutdown (open sessions are disconnected). */
    public void stop() {
        if (running) {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"));
            running = false;
        }
    }

    /** Starts the stopped cluster again on the same port and data. */
    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteDir();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    private void stopQuietly() {
        try {
            if (running) {
                run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "stop"));
            }
        } catch (RuntimeException ignored) {
            // JVM exiting: best effort
        }
        deleteDir();
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("commands.log").toFile()))
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("failed: " + full + "\n" + tail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + full, e);
        }
    }

    private String tail() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("commands.log", "server.log")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(f));
                sb.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                sb.append("(no ").append(f).append(")\n");
            }
        }
        return sb.toString();
    }

    private void deleteDir() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownToPostgres(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
        view.setGroup(group);
    }
}
