package cinema.ugc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cinema.ugc.app.AppChild;
import cinema.ugc.kafka.internal.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ugc run} SIGTERMed while it starts: its Kafka (external here) accepts connections and never answers, so the
 * topic step waits — for up to 30 s on its own. The shutdown hook is already in place: it interrupts that step, stops
 * what had started in reverse (the warm-up, then the data-directory lock), starts nothing more, and the JVM exits with
 * SIGTERM's status at once.
 */
class StopDuringStartIT {
    /** Well short of the topic step's own 30 s timeout: the signal must not wait for it. */
    private static final Duration EXITS_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void aSigtermWhileATopicIsBeingCreatedStopsTheStartedStepsInReverseAndStartsNoMore() throws Exception {
        Path log = tmp.resolve("run.log");
        try (ServerSocket silentKafka = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            silentKafka.setSoTimeout((int) Duration.ofSeconds(90).toMillis());
            Map<String, String> env = TestPipelines.childEnv(
                    tmp.resolve("data"),
                    Ports.free(),
                    Map.of("UGC_KAFKA_BOOTSTRAP", "127.0.0.1:" + silentKafka.getLocalPort()));
            try (AppChild child = AppChild.run(env, log);
                    Socket admin = silentKafka.accept()) { // the topic step's admin client: it now awaits an answer
                assertEquals(143, child.terminate(EXITS_WITHIN), "SIGTERM exits through the shutdown hook");
            }
        }
        List<String> lines = Files.readAllLines(log);
        String text = String.join("\n", lines);
        String lifecycle = "cinema.ugc.app.Lifecycle - ";
        assertEquals(
                List.of(
                        "stopping during start-up (topics was starting)",
                        "stopping warm-up",
                        "stopping data directory lock"),
                lines.stream()
                        .filter(l -> l.contains(lifecycle))
                        .map(l -> l.substring(l.indexOf(lifecycle) + lifecycle.length()))
                        .toList(),
                text);
        assertFalse(text.contains("Exception"), "the abort is quiet: " + text);
    }
}
