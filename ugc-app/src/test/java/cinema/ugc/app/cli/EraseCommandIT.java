package cinema.ugc.app.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.erasure.CompactedTopicReader;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./ugc erase} against a real broker: the request and its pending status land on the erasure topics. */
class EraseCommandIT {

    @Test
    void recordsTheErasureAndPrintsItsId(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            PrintStream stdout = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = new CommandLine(new EraseCommand())
                        .execute("--user", "viewer-42", "--requester", "dpo@cinema", "--kafka-bootstrap", bootstrap);
            } finally {
                System.setOut(stdout);
            }
            assertEquals(0, code);
            UUID id = UUID.fromString(out.toString(StandardCharsets.UTF_8).strip());

            List<ErasureRequest> requests = new CopyOnWriteArrayList<>();
            List<ErasureStatus> statuses = new CopyOnWriteArrayList<>();
            try (CompactedTopicReader r = new CompactedTopicReader(
                                    bootstrap,
                                    ErasureTopics.REQUESTS,
                                    "t1",
                                    (k, v) -> requests.add(ErasureRequest.fromJson(v)))
                            .start();
                    CompactedTopicReader s = new CompactedTopicReader(
                                    bootstrap,
                                    ErasureTopics.STATUS,
                                    "t2",
                                    (k, v) -> statuses.add(ErasureStatus.fromJson(v)))
                            .start()) {
                assertTrue(r.awaitCaughtUp(Duration.ofSeconds(30)) && s.awaitCaughtUp(Duration.ofSeconds(30)));
                await().atMost(Duration.ofSeconds(30)).until(() -> !requests.isEmpty() && !statuses.isEmpty());
            }
            ErasureRequest request = requests.get(0);
            assertEquals(id, request.erasureId());
            assertEquals("viewer-42", request.userId());
            assertEquals("dpo@cinema", request.requester());
            assertEquals(ErasureStatus.State.PENDING, statuses.get(0).state());
            assertEquals(id, statuses.get(0).request().erasureId());
        }
    }

    @Test
    void refusesABlankUser() {
        assertEquals(2, new CommandLine(new EraseCommand()).execute("--user", " ", "--kafka-bootstrap", "127.0.0.1:1"));
    }
}
