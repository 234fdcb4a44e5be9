package cinema.ugc.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.ops.cluster.NodeProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogsOnFailureTest {
    @TempDir
    Path dir;

    @Test
    void failureCarriesTheLastLinesOfEveryServerLog() throws IOException {
        Files.createDirectories(dir.resolve("clickhouse-1/log"));
        Files.writeString(dir.resolve("clickhouse-1/log/clickhouse-server.log"), lines("ch", 50));
        Files.writeString(dir.resolve("kafka-1.log"), lines("kafka", 3));
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        Throwable failure = new ConnectException("Connection refused");

        Throwable annotated = new ServerLogsOnFailure(() -> dir).withLogs(failure);

        AssertionError error = assertInstanceOf(AssertionError.class, annotated);
        assertSame(failure, error.getCause());
        String message = error.getMessage();
        assertTrue(message.startsWith("Connection refused\n"), message);
        assertTrue(message.contains("lines of clickhouse-1/log/clickhouse-server.log"), message);
        assertTrue(message.contains("ch 21\n") && message.contains("ch 50\n"), message);
        assertFalse(message.contains("ch 20\n"), "only the last 30 lines");
        assertTrue(message.contains("kafka 1\nkafka 2\nkafka 3\n"), message);
        assertFalse(message.contains("not a log"), message);
    }

    @Test
    void errorLogsComeFirstAndBinarySegmentsAreLeftOut() throws IOException {
        Files.createDirectories(dir.resolve("clickhouse-1/log"));
        Files.writeString(dir.resolve("clickhouse-1/log/clickhouse-server.err.log"), "Received signal 11\n");
        Files.createDirectories(dir.resolve("kafka-1/data/ugc.events-0"));
        Files.write(dir.resolve("kafka-1/data/ugc.events-0/00000000000000000000.log"), new byte[] {1, 0, 0, 7, 'x'});
        Files.writeString(dir.resolve("kafka-1/out.log"), "broker started\n"); // newer than the error log
        Files.createFile(dir.resolve("kafka-1/data/ugc.events-0/00000000000000000001.log"));

        String message = new ServerLogsOnFailure(() -> dir)
                .withLogs(new ConnectException("Connection refused"))
                .getMessage();

        assertTrue(
                message.indexOf("clickhouse-server.err.log") < message.indexOf("kafka-1/out.log"),
                "the error log first: " + message);
        assertTrue(message.contains("Received signal 11\n") && message.contains("broker started\n"), message);
        assertFalse(message.contains("00000000000000000000.log"), message);
        assertFalse(message.contains("00000000000000000001.log"), "an empty file adds nothing: " + message);
    }

    @Test
    void aServerThatIsNotRunningIsNamedAndItsLogsComeFirst() throws Exception {
        NodeProcess gone = new NodeProcess("clickhouse-s1r1", dir.resolve("clickhouse-s1r1"));
        gone.start(List.of("true"), Map.of(), false);
        gone.handle().ifPresent(h -> h.onExit().join());
        Files.createDirectories(dir.resolve("clickhouse-s1r1/log"));
        Files.writeString(dir.resolve("clickhouse-s1r1/log/clickhouse-server.log"), "shutting down\n");
        NodeProcess running = new NodeProcess("clickhouse-s1r2", dir.resolve("clickhouse-s1r2"));
        running.start(List.of("sleep", "30"), Map.of(), false);
        Files.createDirectories(dir.resolve("clickhouse-s1r2/log"));
        Files.writeString(dir.resolve("clickhouse-s1r2/log/clickhouse-server.err.log"), "a warning\n");

        String message = new ServerLogsOnFailure(() -> dir)
                .withLogs(new ConnectException("Connection refused"))
                .getMessage();

        assertTrue(message.contains("---- not running: clickhouse-s1r1 ----"), message);
        assertFalse(message.contains("not running: clickhouse-s1r2"), message);
        assertTrue(
                message.indexOf("clickhouse-s1r1/log/clickhouse-server.log")
                        < message.indexOf("clickhouse-s1r2/log/clickhouse-server.err.log"),
                "the stopped server's logs before the running one's error log: " + message);
        running.kill();
    }

    @Test
    void longLinesAreClipped() throws IOException {
        Files.writeString(dir.resolve("server.log"), "x".repeat(5_000) + "\n");
        String message = new ServerLogsOnFailure(() -> dir)
                .withLogs(new IllegalStateException("boom"))
                .getMessage();
        assertTrue(message.contains("x".repeat(400) + " …\n"), message);
        assertFalse(message.contains("x".repeat(401)), "clipped at 400 characters");
    }

    @Test
    void withoutLogsTheFailureIsUnchanged() {
        Throwable failure = new IllegalStateException("boom");
        assertSame(failure, new ServerLogsOnFailure(() -> dir).withLogs(failure));
        assertSame(failure, new ServerLogsOnFailure(() -> null).withLogs(failure));
        assertSame(failure, new ServerLogsOnFailure(() -> dir.resolve("gone")).withLogs(failure));
    }

    private static String lines(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> prefix + " " + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
