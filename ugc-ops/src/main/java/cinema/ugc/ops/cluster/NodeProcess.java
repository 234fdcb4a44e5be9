package cinema.ugc.ops.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local cluster, found again through its pid file — so a later {@code ./ugc cluster down} (another
 * JVM) can stop what {@code up} started. The pid file also holds the start time, so a recycled pid is not mistaken
 * for the node.
 */
public final class NodeProcess {
    private final String name;
    private final Path dir;

    public NodeProcess(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("out.log");
    }

    /**
     * @param detached start in a new session (survives the launching shell and JVM); otherwise the process is killed
     *                 when this JVM exits, so a failed test leaves nothing behind
     */
    public void start(List<String> command, Map<String, String> env, boolean detached) {
        if (alive()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(command);
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            Files.writeString(
                    dir.resolve("pid"),
                    p.pid() + " " + startOf(p.toHandle()).map(Instant::toString).orElse("-") + "\n");
            if (!detached) {
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, name + "-reaper"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
        }
    }

    public Optional<ProcessHandle> handle() {
        Path file = dir.resolve("pid");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split(" ");
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(parts[0]));
            return h.filter(ProcessHandle::isAlive)
                    .filter(p -> parts.length < 2
                            || parts[1].equals(startOf(p).map(Instant::toString).orElse("-")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean alive() {
        return handle().isPresent();
    }

    public long pid() {
        return handle().map(ProcessHandle::pid).orElse(-1L);
    }

    /** SIGKILL, like a crashed machine; waits until the process is gone. */
    public void kill() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h, Duration.ofSeconds(30));
        });
    }

    /** SIGTERM without waiting: the caller watches {@link #alive()}. */
    public void signalStop() {
        handle().ifPresent(ProcessHandle::destroy);
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        handle().ifPresent(h -> {
            h.destroy();
            if (!awaitExit(h, grace)) {
                h.destroyForcibly();
                awaitExit(h, Duration.ofSeconds(30));
            }
        });
    }

    /** The last lines of the node's output, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static boolean awaitExit(ProcessHandle h, Duration timeout) {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return !h.isAlive();
        }
    }

    private static Optional<Instant> startOf(ProcessHandle h) {
        return h.info().startInstant();
    }
}
