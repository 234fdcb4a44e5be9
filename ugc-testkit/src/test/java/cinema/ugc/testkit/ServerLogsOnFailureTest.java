package cinema.ugc.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
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
