package cinema.ugc.app.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.AppChild;
import cinema.ugc.etl.GroupProgress;
import cinema.ugc.etl.TestEvents;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import cinema.ugc.kafka.erasure.ErasureJournal;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No resurrection: the ETL is SIGKILLed with a user's events half stored and half still in Kafka, the erasure is
 * recorded while no ETL runs, the user's old events are then delivered again (a client retry, a dead-letter replay)
 * and the ETL is SIGKILLed once more mid-way — at the end none of the user's events received before the erasure is
 * stored, every later one is, and another user's events are all there.
 */
class ErasureResurrectionIT {
    private static final String TOPIC = "ugc.events";
    private static final String ERASED = "user-erased";
    private static final String OTHER = "user-other";

    @TempDir
    Path tmp;

    @Test
    void anErasureRecordedWhileTheEtlIsDownKeepsEveryEarlierEventOutThroughCrashesAndReplays() throws Exception {
        Random random = new Random(16);
        Path file = tmp.resolve("ugc.duckdb");
        List<Event> before = eventsOf(ERASED, random, 2_000, TestEvents.BASE);
        List<Event> other = eventsOf(OTHER, random, 2_000, TestEvents.BASE);
        List<Event> after;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            Topics.ensure(bootstrap, TOPIC, 3, 1, 1, Duration.ofSeconds(30));
            ErasureTopics.ensure(bootstrap, KafkaSettings.from(Env.of(Map.of())), Duration.ofSeconds(30));
            Map<String, String> env = childEnv(bootstrap, file);
            Path log = tmp.resolve("etl.log");
            try (AppChild child = AppChild.etl(env, log)) {
                TestEvents.send(producer, TOPIC, interleave(before, other));
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> child.consumed() >= 1_500 || !child.alive());
                child.kill();
            }
            Instant erasedBefore = Instant.now();
            ErasureRequest request = ErasureRequest.now(ERASED, "operator", erasedBefore);
            try (ErasureJournal journal = new ErasureJournal(bootstrap, Duration.ofSeconds(10))) {
                journal.record(ErasureStatus.pending(request, "recorded by the test", erasedBefore));
                journal.record(request);
            }
            after = eventsOf(ERASED, random, 500, erasedBefore.plusSeconds(1));
            TestEvents.send(producer, TOPIC, before.subList(0, 1_000)); // a re-delivery of old events
            TestEvents.send(producer, TOPIC, after);
            try (AppChild child = AppChild.etl(env, log)) {
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> child.consumed() >= 500 || !child.alive());
                child.kill();
            }
            try (AppChild child = AppChild.etl(env, log)) {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> GroupProgress.uncommitted(bootstrap, "erasure-etl", TOPIC) == 0
                                && java.nio.file.Files.readString(log)
                                        .contains("erasure " + request.erasureId() + " done"));
                child.terminate();
            }
        }
        try (EventStore store = EventStores.open(StoreSettings.duckdb(file))) {
            Set<UUID> stored =
                    ids(store.queries().userEvents(ERASED, Instant.now().plusSeconds(3600), 100_000));
            assertEquals(ids(after(before, after)), stored, "only the events received after the erasure");
            assertEquals(
                    ids(other),
                    ids(store.queries().userEvents(OTHER, Instant.now().plusSeconds(3600), 100_000)));
        }
    }

    private static List<Event> after(List<Event> before, List<Event> after) {
        assertTrue(before.stream().noneMatch(after::contains));
        return after;
    }

    private static Set<UUID> ids(List<Event> events) {
        return events.stream().map(Event::eventId).collect(Collectors.toSet());
    }

    /** Events of one user received from {@code receivedFrom} on, one millisecond apart. */
    private static List<Event> eventsOf(String user, Random random, int n, Instant receivedFrom) {
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Event e = TestEvents.event(random);
            out.add(new Event(
                    e.eventId(),
                    user,
                    e.action(),
                    e.filmId(),
                    e.description(),
                    e.eventTime(),
                    e.startTime(),
                    e.endTime(),
                    e.properties(),
                    receivedFrom.plusMillis(i)));
        }
        return out;
    }

    private static List<Event> interleave(List<Event> a, List<Event> b) {
        List<Event> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    private static Map<String, String> childEnv(String bootstrap, Path file) {
        Map<String, String> env = new HashMap<>();
        env.put("UGC_STORE", "duckdb");
        env.put("UGC_DUCKDB_PATH", file.toString());
        env.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("UGC_KAFKA_PARTITIONS", "3");
        env.put("UGC_ETL_GROUP", "erasure-etl");
        env.put("UGC_ETL_BATCH_SIZE", "500");
        env.put("UGC_ETL_BATCH_AGE", "200ms");
        env.put("UGC_ETL_RETRY_MAX", "2s");
        return env;
    }
}
