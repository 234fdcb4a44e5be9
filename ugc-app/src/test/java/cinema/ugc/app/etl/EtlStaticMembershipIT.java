package cinema.ugc.app.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cinema.ugc.app.AppChild;
import cinema.ugc.etl.ExactlyOnce;
import cinema.ugc.etl.GroupMembers;
import cinema.ugc.etl.TestEvents;
import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.model.config.Env;
import cinema.ugc.ops.servers.ClickHouseServer;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two standalone ETL processes with instance ids share a 4-partition topic (one consumer thread each).
 * <ol>
 *   <li>One is SIGKILLed and restarted at once with the same id: it holds its own partitions again well before its
 *       20 s session could have timed out, and the survivor never held them in between (no rebalance at all); an
 *       event sent after the restart is stored within 10 s.</li>
 *   <li>It is SIGKILLed again and stays dead: the survivor's status counts the records waiting on the dead member's
 *       partitions (which it does not hold), takes those partitions once the session timed out, stores everything,
 *       and every event counts once.</li>
 * </ol>
 */
class EtlStaticMembershipIT {
    private static final Logger log = LoggerFactory.getLogger(EtlStaticMembershipIT.class);
    private static final String TOPIC = "ugc.events";
    private static final String GROUP = "static-etl";
    private static final Duration SESSION = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final Random random = new Random(7);
    private final List<Event> produced = new ArrayList<>();

    @Test
    void restartedInstanceReclaimsAtOnceAndASurvivorTakesOverAfterTheSessionTimeout() throws Exception {
        try (ClickHouseServer server = ClickHouseServer.start(tmp)) {
            Map<String, String> storeEnv = Map.of(
                    "UGC_STORE",
                    "clickhouse",
                    "UGC_CLICKHOUSE_URL",
                    server.httpUrl(),
                    "UGC_CLICKHOUSE_DATABASE",
                    "static_members");
            try (EventStore store = EventStores.open(StoreSettings.from(Env.of(storeEnv)));
                    EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                    KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers());
                    GroupMembers members = new GroupMembers(kafka.bootstrapServers(), GROUP)) {
                store.migrate();
                Topics.ensure(kafka.bootstrapServers(), TOPIC, 4, 1, 1, Duration.ofSeconds(30));
                run(storeEnv, kafka.bootstrapServers(), store, producer, members);
            }
        }
    }

    private void run(
            Map<String, String> storeEnv,
            String bootstrap,
            EventStore store,
            KafkaProducer<byte[], byte[]> producer,
            GroupMembers members)
            throws Exception {
        Path logFile = tmp.resolve("etl.log");
        try (AppChild a = AppChild.etl(env(storeEnv, bootstrap, "etl-a"), logFile);
                AppChild b = AppChild.etl(env(storeEnv, bootstrap, "etl-b"), logFile)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> members.of("etl-a").size() == 2
                            && members.of("etl-b").size() == 2);
            Set<Integer> ofA = members.of("etl-a");
            Set<Integer> ofB = members.of("etl-b");
            send(producer, Set.of(0, 1, 2, 3), 500);
            await().atMost(Duration.ofSeconds(60)).until(() -> store.queries().countEvents() == produced.size());

            AppChild restarted = restartAtOnce(a, storeEnv, bootstrap, logFile, members, ofA, ofB);
            try (restarted) {
                send(producer, ofA, 100);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> store.queries().countEvents() == produced.size());
                restarted.kill();
            }
            survivorTakesOver(b, producer, members, ofA, ofB);
            await().atMost(Duration.ofSeconds(60)).until(() -> store.queries().countEvents() == produced.size());
            ExactlyOnce.assertCountedOnce(store.queries(), produced);
            assertEquals(143, b.terminate(), "SIGTERM exits through the shutdown hook");
        }
    }

    /** SIGKILL, then the same instance id again: its partitions come back without a rebalance. */
    private AppChild restartAtOnce(
            AppChild a,
            Map<String, String> storeEnv,
            String bootstrap,
            Path logFile,
            GroupMembers members,
            Set<Integer> ofA,
            Set<Integer> ofB)
            throws Exception {
        a.kill();
        long killed = System.nanoTime();
        AppChild restarted = AppChild.etl(env(storeEnv, bootstrap, "etl-a"), logFile);
        AtomicBoolean survivorMoved = new AtomicBoolean();
        await().atMost(SESSION.minusSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    survivorMoved.compareAndSet(false, !members.of("etl-b").equals(ofB));
                    return restarted.status() != null
                            && restarted.status().path("running").asBoolean()
                            && members.of("etl-a").equals(ofA);
                });
        log.info(
                "restarted etl-a consumes its partitions {} again {} ms after the SIGKILL",
                ofA,
                (System.nanoTime() - killed) / 1_000_000);
        assertFalse(survivorMoved.get(), "the survivor kept exactly its partitions: no rebalance");
        return restarted;
    }

    /** The dead member stays dead: the survivor reports its backlog, then takes its partitions after the session. */
    private void survivorTakesOver(
            AppChild b,
            KafkaProducer<byte[], byte[]> producer,
            GroupMembers members,
            Set<Integer> ofA,
            Set<Integer> ofB)
            throws Exception {
        long killed = System.nanoTime();
        send(producer, ofA, 1_000);
        send(producer, ofB, 1_000);
        JsonNode status = await().atMost(SESSION.minusSeconds(5))
                .until(b::status, s -> s != null && s.path("lag").asLong() >= 1_000);
        assertEquals(ofB, members.of("etl-b"), "the survivor reported the lag of partitions it did not hold");
        log.info("survivor's status with the dead member's partitions unassigned: {}", status);
        await().atMost(SESSION.plusSeconds(25)).until(() -> members.of("etl-b").size() == 4);
        log.info(
                "survivor holds every partition {} ms after the SIGKILL (session timeout {})",
                (System.nanoTime() - killed) / 1_000_000,
                SESSION);
        Set<Integer> all = new TreeSet<>(ofA);
        all.addAll(ofB);
        assertEquals(all, members.of("etl-b"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> b.status().path("lag").asLong(-1) == 0);
    }

    /** Sends {@code perPartition} new events to each of {@code partitions}. */
    private void send(KafkaProducer<byte[], byte[]> producer, Set<Integer> partitions, int perPartition) {
        for (int p : new HashSet<>(partitions)) {
            List<Event> events = TestEvents.generate(random, perPartition);
            TestEvents.sendTo(producer, TOPIC, p, events);
            produced.addAll(events);
        }
    }

    private static Map<String, String> env(Map<String, String> storeEnv, String bootstrap, String instanceId) {
        Map<String, String> env = new HashMap<>(storeEnv);
        env.put("UGC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("UGC_KAFKA_PARTITIONS", "4");
        env.put("UGC_ETL_GROUP", GROUP);
        env.put("UGC_ETL_INSTANCE_ID", instanceId);
        env.put("UGC_ETL_CONSUMERS", "1");
        env.put("UGC_ETL_SESSION_TIMEOUT", SESSION.toSeconds() + "s");
        env.put("UGC_ETL_BATCH_SIZE", "500");
        env.put("UGC_ETL_BATCH_AGE", "200ms");
        env.put("UGC_ETL_RETRY_MAX", "2s");
        return env;
    }
}
