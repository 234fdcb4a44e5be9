package cinema.ugc.etl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.model.EventCodec;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.threeten.extra.MutableClock;

/**
 * The consumer loop with Kafka's own MockConsumer and MockProducer in place of a broker and a hand-moved clock in
 * place of time: what is polled is written, committed only afterwards, retried after a store failure, handed over on a
 * rebalance, and written early once the consumer has caught up. The test thread is the loop's thread: it polls with
 * {@link ConsumerLoop#pollOnce()} and rebalances between polls, as the broker would inside one. The ETL's ITs run the
 * same loop against a real broker.
 */
class ConsumerLoopTest {
    private static final String TOPIC = "ugc.events";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration AGE = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(100);

    /** Store writes and offset commits, in the order they happened. */
    private final List<String> journal = new ArrayList<>();

    private final JournalingConsumer consumer = new JournalingConsumer(journal);
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final JournalingStore store = new JournalingStore(journal);
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private final EventCodec codec = new EventCodec();
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> sent = new HashMap<>();
    private final ConsumerLoop loop = new ConsumerLoop(
            EtlSettings.defaults().withBatch(100, AGE, INTERVAL).withRetry(RETRY, RETRY.multipliedBy(4)),
            0,
            new EtlKafka("127.0.0.1:1", TOPIC, TOPIC + ".dlq"),
            new Clients(consumer, producer),
            store,
            new EtlMetrics(new SimpleMeterRegistry()),
            ForkJoinPool.commonPool(),
            clock);

    ConsumerLoopTest() {
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void polledRecordsAreWrittenAndOnlyThenCommitted() {
        assign(P0);
        send(P0, 3);

        loop.pollOnce();

        assertEquals(List.of("write {0=[0, 1, 2]}", "commit {0=3}"), journal);
        assertEquals(List.of(Map.of(0, 0L)), store.assigned, "the store learns where the partition is read from");
    }

    /** Nothing is committed while the store fails; the partition is paused, and the batch retried on the clock. */
    @Test
    void aStoreFailureCommitsNothingAndTheBatchIsRetriedAfterTheBackOff() {
        assign(P0);
        store.down = true;
        send(P0, 3);
        loop.pollOnce();
        assertEquals(List.of("write failed {0=[0, 1, 2]}"), journal);
        assertEquals(Set.of(P0), consumer.paused());
        assertEquals(new ConsumerLoop.Snapshot("BACKOFF", true, 3, null), loop.snapshot());

        send(P0, 2); // stays in the paused partition
        store.down = false;
        loop.pollOnce();
        assertEquals(1, journal.size(), "the back-off has not passed on the clock");
        Duration wait = consumer.lastPollTimeout();
        assertTrue(!wait.isZero() && wait.compareTo(RETRY) <= 0, "polls until the retry is due: " + wait);

        pollAfter(RETRY);
        assertEquals(List.of("write failed {0=[0, 1, 2]}", "write {0=[0, 1, 2]}", "commit {0=3}"), journal);
        assertEquals(Set.of(), consumer.paused());
        assertEquals(new ConsumerLoop.Snapshot("ACCUMULATING", true, 0, null), loop.snapshot());

        pollAfter(INTERVAL);
        assertEquals(List.of("write {0=[3, 4]}", "commit {0=5}"), journal.subList(3, 5));
    }

    /**
     * A partition revoked while the store is down loses its uncommitted records from the batch; its next owner — here
     * the same consumer after the next rebalance — reads them again from the committed offset, and they are stored
     * once.
     */
    @Test
    void aPartitionRevokedWhileTheStoreFailsIsReadAgainByItsNextOwner() {
        pollAnOpenBatchOfBothPartitions();
        assertEquals(List.of(), journal, "a batch with a backlog waits for its size or age");

        store.down = true;
        consumer.rebalance(List.of(P1));
        assertEquals(List.of("write failed {0=[0, 1, 2], 1=[0, 1]}"), journal);

        store.down = false;
        pollAfter(RETRY);
        assertEquals(List.of("write {1=[0, 1]}", "commit {1=2}"), journal.subList(1, 3));

        consumer.rebalance(List.of(P0, P1));
        redeliver(P0);
        backlog(P0);
        loop.pollOnce();
        pollAfter(AGE);
        assertEquals(List.of("write {0=[0, 1, 2]}", "commit {0=3}"), journal.subList(3, 5));
        assertEquals(
                5, store.rows.stream().map(e -> e.event().eventId()).distinct().count());
        assertEquals(5, store.rows.size());
    }

    /** Before a partition goes to another consumer, the open batch is written and committed, all partitions of it. */
    @Test
    void aPartitionRevokedMidBatchIsWrittenAndCommittedBeforeItGoes() {
        pollAnOpenBatchOfBothPartitions();
        assertEquals(List.of(), journal);

        consumer.rebalance(List.of(P1));

        assertEquals(List.of("write {0=[0, 1, 2], 1=[0, 1]}", "commit {0=3, 1=2}"), journal);
        send(P1, 1);
        pollAfter(INTERVAL);
        assertEquals(List.of("write {1=[2]}", "commit {1=3}"), journal.subList(2, 4));
    }

    /**
     * Caught up (the consumer's lag is 0 as of its fetch), a batch is written as soon as the write interval has passed
     * since the previous write; with a backlog it waits for its size or age. The poll waits on the clock until then.
     */
    @Test
    void onceCaughtUpTheBatchIsWrittenAfterTheWriteIntervalNotItsAge() {
        assign(P0);
        send(P0, 2);
        loop.pollOnce();
        assertEquals(List.of("write {0=[0, 1]}", "commit {0=2}"), journal, "the first caught-up batch at once");

        clock.add(Duration.ofMillis(100));
        send(P0, 1);
        loop.pollOnce();
        pollAfter(Duration.ofMillis(850));
        assertEquals(2, journal.size());
        assertEquals(Duration.ofMillis(50), consumer.lastPollTimeout(), "the poll waits until the interval ends");
        pollAfter(Duration.ofMillis(50));
        assertEquals(List.of("write {0=[2]}", "commit {0=3}"), journal.subList(2, 4));

        send(P0, 1);
        backlog(P0);
        loop.pollOnce();
        pollAfter(INTERVAL);
        assertEquals(4, journal.size(), "with a backlog the interval does not make the batch due");
        pollAfter(AGE.minus(INTERVAL));
        assertEquals(List.of("write {0=[3]}", "commit {0=4}"), journal.subList(4, 6));
    }

    /** A record that does not decode goes to the dead-letter topic; the offset past it is committed after that. */
    @Test
    void aPoisonRecordIsDeadLetteredAndCommittedPast() {
        assign(P0);
        add(P0, "not json".getBytes(StandardCharsets.UTF_8));
        send(P0, 1);

        loop.pollOnce();

        List<ProducerRecord<byte[], byte[]>> dead = producer.history();
        assertEquals(1, dead.size());
        assertEquals(TOPIC + ".dlq", dead.get(0).topic());
        assertEquals(
                "0",
                new String(
                        dead.get(0)
                                .headers()
                                .lastHeader(KafkaPorts.SOURCE_OFFSET)
                                .value(),
                        StandardCharsets.UTF_8));
        assertEquals(List.of("write {0=[1]}", "commit {0=2}"), journal);
    }

    /** stop(): the open batch is written and committed, then both clients are closed. */
    @Test
    @Timeout(10)
    void stoppingFlushesCommitsAndClosesTheClients() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            send(P0, 2);
            backlog(P0);
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertEquals(List.of("write {0=[0, 1]}", "commit {0=2}"), journal);
        assertTrue(consumer.closed() && producer.closed());
    }

    /** Moves the clock on, then polls once. */
    private void pollAfter(Duration wait) {
        clock.add(wait);
        loop.pollOnce();
    }

    /** The loop subscribes and the group gives it these partitions. */
    private void assign(TopicPartition... tps) {
        loop.subscribe();
        consumer.rebalance(List.of(tps));
    }

    /** Three records of P0 and two of P1 polled with a backlog behind them: a batch open on both, not yet due. */
    private void pollAnOpenBatchOfBothPartitions() {
        assign(P0, P1);
        send(P0, 3);
        send(P1, 2);
        backlog(P0, P1);
        loop.pollOnce();
    }

    private void send(TopicPartition tp, int n) {
        for (int i = 0; i < n; i++) {
            add(tp, codec.encode(event()));
        }
    }

    /** A record at the partition's next offset; afterwards the consumer, once it has polled it, is caught up. */
    private void add(TopicPartition tp, byte[] value) {
        List<ConsumerRecord<byte[], byte[]>> records = sent.computeIfAbsent(tp, p -> new ArrayList<>());
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(
                TOPIC, tp.partition(), records.size(), "user-1".getBytes(StandardCharsets.UTF_8), value);
        records.add(r);
        consumer.addRecord(r);
        consumer.updateEndOffsets(Map.of(tp, (long) records.size()));
    }

    /** Re-adds every record of the partition, as the broker would deliver them again from the committed offset. */
    private void redeliver(TopicPartition tp) {
        sent.get(tp).forEach(consumer::addRecord);
    }

    /** The partitions' ends lie far beyond what was polled: the consumer has a backlog. */
    private void backlog(TopicPartition... tps) {
        for (TopicPartition tp : tps) {
            consumer.updateEndOffsets(Map.of(tp, 1_000L));
        }
    }

    private Event event() {
        Instant t = clock.instant();
        return new Event(UUID.randomUUID(), "user-1", Action.CLICK, null, null, t, null, null, Map.of(), t);
    }

    private static String offsets(List<StoredEvent> batch) {
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        batch.forEach(e -> byPartition
                .computeIfAbsent(e.partition(), p -> new ArrayList<>())
                .add(e.offset()));
        return byPartition.toString();
    }

    private record Clients(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer)
            implements KafkaClientFactory {
        @Override
        public Consumer<byte[], byte[]> consumer(int index) {
            return consumer;
        }

        @Override
        public Producer<byte[], byte[]> producer(int index) {
            return producer;
        }
    }

    /** Kafka's MockConsumer, journaling each commit. */
    private static final class JournalingConsumer extends MockConsumer<byte[], byte[]> {
        private final List<String> journal;

        JournalingConsumer(List<String> journal) {
            super("earliest");
            this.journal = journal;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<Integer, Long> byPartition = new TreeMap<>();
            offsets.forEach((tp, o) -> byPartition.put(tp.partition(), o.offset()));
            journal.add("commit " + byPartition);
            super.commitSync(offsets);
        }
    }

    /** A store that journals each write and fails while {@code down}. */
    private static final class JournalingStore implements EventStore {
        private final List<String> journal;
        final List<StoredEvent> rows = new ArrayList<>();
        final List<Map<Integer, Long>> assigned = new ArrayList<>();
        boolean down;

        JournalingStore(List<String> journal) {
            this.journal = journal;
        }

        @Override
        public void write(List<StoredEvent> batch) {
            if (down) {
                journal.add("write failed " + offsets(batch));
                throw new StoreException("store down", true, null);
            }
            journal.add("write " + offsets(batch));
            rows.addAll(batch);
        }

        @Override
        public void partitionsAssigned(Map<Integer, Long> nextOffsets) {
            assigned.add(Map.copyOf(nextOffsets));
        }

        @Override
        public String describe() {
            return "journaling store";
        }

        @Override
        public void migrate() {}

        @Override
        public EventQueries queries() {
            throw new UnsupportedOperationException("not read in these tests");
        }

        @Override
        public void close() {}
    }
}
