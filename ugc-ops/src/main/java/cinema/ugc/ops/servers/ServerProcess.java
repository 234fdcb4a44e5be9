package cinema.ugc.ops.servers;

import cinema.ugc.kafka.internal.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server started as a child process, killed by a JVM shutdown hook if nobody stops it (a failed test or an
 * interrupted benchmark must not leave servers behind).
 */
public final class ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration READY_POLL = Duration.ofMillis(200);

    private final String name;
    private final Path log;
    private Process process;
    private Thread hook;

    public ServerProcess(String name, Path log) {
        this.name = name;
        this.log = log;
    }

    public synchronized void start(List<String> command) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
        Process p = process;
        hook = new Thread(p::destroyForcibly, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("started {} (pid {})", name, p.pid());
    }

    /**
     * Starts the process and waits until {@code ready} holds.
     *
     * @throws IllegalStateException with the last lines of its output when the process exits during start-up, or
     *                               when it is not ready within {@code timeout} (it is killed then)
     */
    public void startAndAwait(List<String> command, BooleanSupplier ready, Duration timeout) {
        start(command);
        boolean up = Poll.until(() -> !alive() || ready.getAsBoolean(), timeout, READY_POLL);
        if (!alive()) {
            throw new IllegalStateException(name + " exited during start-up:\n" + tail());
        }
        if (!up) {
            kill();
            throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code grace}. */
    public synchronized void terminate(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        await(grace);
    }

    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(Duration.ofSeconds(30));
    }

    private void await(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("{} stopped (exit {})", name, process.isAlive() ? "?" : process.exitValue());
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    /** The last lines of the process output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public static int freePort() {
        return Ports.free();
    }

    public static Path requireBinary(String what, Path... candidates) {
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(what + " is not installed (looked for " + List.of(candidates)
                + "); run scripts/install-test-deps.sh (as root) first");
    }
}
