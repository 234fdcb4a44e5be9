package cinema.ugc.testkit;

import cinema.ugc.ops.cluster.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts the last lines of the servers' logs into the failure of a test (or of its set-up) that runs child servers:
 * their directories are usually temporary and gone by the time anyone reads the report, and a failure such as
 * "connection refused" says nothing about why the server went away.
 *
 * <pre>{@code @RegisterExtension static ServerLogsOnFailure logs = new ServerLogsOnFailure(() -> dir);}</pre>
 */
public final class ServerLogsOnFailure
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final int LINES = 30;
    private static final int MAX_FILES = 24;
    private static final int MAX_LINE = 400;
    /** How much of a file's end is read: enough for its last lines, bounded for a server that logs at trace. */
    private static final int TAIL_BYTES = 64 * 1024;

    private final Supplier<Path> root;

    /** @param root the directory whose {@code *.log} files (at any depth) are the servers' logs; may be null early */
    public ServerLogsOnFailure(Supplier<Path> root) {
        this.root = root;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    /** The failure itself when there are no logs to add, else an AssertionError with them and the failure as cause. */
    Throwable withLogs(Throwable failure) {
        String logs = tails();
        if (logs.isEmpty()) {
            return failure;
        }
        AssertionError annotated = new AssertionError(failure.getMessage() + "\n" + logs, failure);
        annotated.setStackTrace(failure.getStackTrace());
        return annotated;
    }

    /**
     * The servers found not running first (a node directory whose {@code pid} file names a process that is gone) and
     * their logs; then error logs (a crash report is there); then the newest. Each log as a header line and its last
     * lines.
     */
    String tails() {
        Path dir = root.get();
        if (dir == null || !Files.isDirectory(dir)) {
            return "";
        }
        List<Path> stopped = stoppedServerDirs(dir);
        StringBuilder out = new StringBuilder();
        for (Path server : stopped) {
            out.append("---- not running: ").append(dir.relativize(server)).append(" ----\n");
        }
        for (Tail log : logs(dir, stopped)) {
            out.append("---- last ")
                    .append(LINES)
                    .append(" lines of ")
                    .append(dir.relativize(log.file()))
                    .append(" ----\n");
            // lenient decoding: a server may have written anything
            List<String> lines = new String(log.bytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            lines.subList(Math.max(0, lines.size() - LINES), lines.size())
                    .forEach(line -> out.append(clip(line)).append('\n'));
        }
        return out.toString();
    }

    /** Node directories whose {@code pid} file ({@link NodeProcess}) names a process that has exited. */
    private static List<Path> stoppedServerDirs(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("pid") && Files.isRegularFile(p))
                    .map(Path::getParent)
                    .filter(node -> !new NodeProcess(node.getFileName().toString(), node).alive())
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** A log file and its last bytes, read once. */
    private record Tail(Path file, byte[] bytes) {
        boolean isText() {
            if (bytes.length == 0) {
                return false;
            }
            for (byte b : bytes) {
                if (b == 0) {
                    return false; // Kafka's data segments end in .log too
                }
            }
            return true;
        }
    }

    private static List<Tail> logs(Path dir, List<Path> stopped) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .map(p -> new Tail(p, tail(p)))
                    .filter(Tail::isText)
                    .sorted(Comparator.comparing((Tail t) -> stopped.stream().anyMatch(t.file()::startsWith))
                            .thenComparing(t -> isErrorLog(t.file()))
                            .reversed()
                            .thenComparing(Comparator.comparing((Tail t) -> modified(t.file()))
                                    .reversed()))
                    .limit(MAX_FILES)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // the directory is being deleted: nothing to add
        }
    }

    private static boolean isErrorLog(Path file) {
        return file.getFileName().toString().contains("err");
    }

    private static String clip(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + " …";
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static byte[] tail(Path file) {
        try (java.nio.channels.SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            in.position(size - buffer.capacity());
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // read the whole tail
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            return ("(unreadable: " + e.getMessage() + ")").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
