package cinema.ugc.ops.servers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-and-wait that ClickHouseServer and the monitoring fixtures share, with real child processes. */
class ServerProcessTest {
    @TempDir
    Path tmp;

    @Test
    void returnsOnceTheServerIsReady() {
        ServerProcess p = new ServerProcess("sleeper", tmp.resolve("out.log"));
        try {
            p.startAndAwait(List.of("sleep", "60"), () -> true, Duration.ofSeconds(30));
            assertTrue(p.alive());
        } finally {
            p.terminate(Duration.ofSeconds(5));
        }
        assertFalse(p.alive());
    }

    @Test
    void aProcessThatExitsDuringStartUpFailsWithItsOutput() {
        ServerProcess p = new ServerProcess("quitter", tmp.resolve("out.log"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> p.startAndAwait(
                        List.of("sh", "-c", "echo no config here; exit 3"), () -> false, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("quitter exited during start-up"), e.getMessage());
        assertTrue(e.getMessage().contains("no config here"), e.getMessage());
    }

    @Test
    void aServerThatNeverGetsReadyIsKilledAtTheDeadline() {
        ServerProcess p = new ServerProcess("mute", tmp.resolve("out.log"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> p.startAndAwait(List.of("sleep", "60"), () -> false, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("mute was not ready within PT0.3S"), e.getMessage());
        assertFalse(p.alive(), "killed, not left behind");
    }
}
