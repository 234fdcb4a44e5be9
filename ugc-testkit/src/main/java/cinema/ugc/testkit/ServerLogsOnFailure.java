package cinema.ugc.testkit;

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

    /** The newest logs first, each as a header line and its last lines. */
    String tails() {
        Path dir = root.get();
        if (dir == null || !Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Path log : logs(dir)) {
            out.append("---- last ")
                    .append(LINES)
                    .append(" lines of ")
                    .append(dir.relativize(log))
                    .append(" ----\n");
            List<String> lines = readLines(log);
            lines.subList(Math.max(0, lines.size() - LINES), lines.size())
                    .forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static List<Path> logs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(ServerLogsOnFailure::modified).reversed())
                    .limit(MAX_FILES)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // the directory is being deleted: nothing to add
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> readLines(Path log) {
        try {
            // lenient decoding: a server may have written anything
            return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }
}
