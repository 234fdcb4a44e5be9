package cinema.ugc.etl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.kafka.EmbeddedKafka;
import cinema.ugc.kafka.Topics;
import cinema.ugc.model.Event;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ETL's lag is the group's, on every partition: a crashed static member of the group (its session still running)
 * holds every partition, so this process's consumers hold none and consume nothing — and the status still shows
 * every record not yet stored, counted from the group's committed offsets. Once the dead member's session has
 * timed out, the ETL takes the partitions, stores the backlog and the lag reaches zero. Closed, its static members
 * leave the group at once.
 */
class EtlGroupLagIT {
    private static final String TOPIC = "ugc.events";
    private static final String GROUP = "lag-etl";
    private static final int EVENTS = 3_000;
    private static final int COMMITTED_BY_THE_DEAD = 100;

    @TempDir
    Path tmp;

    @Test
    void lagCountsThePartitionsThisProcessDoesNotHoldAndIsReportedWhileItHoldsNone() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
                KafkaProducer<byte[], byte[]> producer = TestEvents.producer(kafka.bootstrapServers());
                EventStore store = EventStores.open(StoreSettings.duckdb(tmp.resolve("ugc.duckdb")))) {
            String bootstrap = kafka.bootstrapServers();
            Topics.ensure(bootstrap, TOPIC, 3, 1, 1, Duration.ofSeconds(30));
            store.migrate();
            List<Event> events = TestEvents.generate(new Random(19), EVENTS);
            TestEvents.send(producer, TOPIC, events);
            TopicPartition committedPartition = crashedStaticMemberHoldingEverything(bootstrap);

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            EtlSettings settings = EtlSettings.defaults()
                    .withBatch(1_000, Duration.ofMillis(200))
                    .withGroup(GROUP)
                    .withInstanceId("lag-etl");
            try (GroupMembers members = new GroupMembers(bootstrap, GROUP);
                    Etl etl = new Etl(settings, new EtlKafka(bootstrap, TOPIC, "ugc.events.dlq"), store, registry)
                            .start()) {
                long expected = EVENTS - COMMITTED_BY_THE_DEAD;
                EtlStatus holdingNone =
                        await().atMost(Duration.ofSeconds(5)).until(etl::status, s -> s.lag() == expected);
                assertEquals(0, holdingNone.consumed(), "the dead member still holds every partition");
                assertEquals(3, holdingNone.lagByPartition().size(), "every partition of the topic counts");
                assertTrue(
                        registry.scrape()
                                .contains("ugc_etl_consumer_lag{partition=\"" + committedPartition.partition() + "\"}"),
                        registry.scrape());
                assertEquals(0, etl.status().consumed(), "still nothing held when the figure was checked");

                await().atMost(Duration.ofSeconds(60)).until(() -> etl.status().lag() == 0);
                assertEquals(expected, store.queries().countEvents(), "stored the backlog once the session ended");
                assertEquals(
                        Set.of("lag-etl-0", "lag-etl-1"), members.assignment().keySet());
                etl.close();
                assertEquals(
                        Map.of(),
                        members.assignment(),
                        "a stopped static member leaves the group at once "
                                + "instead of holding its partitions until its session times out");
            }
        }
    }

    /**
     * A static member that joins, takes every partition, commits 100 records of one partition and dies without
     * leaving (as after SIGKILL): its partitions stay assigned to it until its 12 s session times out.
     */
    private static TopicPartition crashedStaticMemberHoldingEverything(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "dead-member");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 12_000);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<byte[], byte[]> ghost = new KafkaConsumer<>(config);
        ghost.subscribe(List.of(TOPIC));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ghost.poll(Duration.ofMillis(100));
            return ghost.assignment().size() == 3;
        });
        TopicPartition partition = new TopicPartition(TOPIC, 1);
        ghost.commitSync(Map.of(partition, new OffsetAndMetadata(COMMITTED_BY_THE_DEAD)));
        ghost.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        return partition;
    }
}
