package cinema.ugc.etl.internal;

import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.model.EventCodec;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the ETL's consumer threads: poll, decode, hand to the {@link DeliveryMachine}, repeat. Each loop is a
 * member of the consumer group with its own partitions, batch and Kafka clients (built by a {@link
 * KafkaClientFactory}), so loops share nothing but the decoding pool, the store and the meters. It never calls
 * {@code wakeup()}: a stop request is seen within one short poll, so a commit is never interrupted half-way.
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final int PARALLEL_DECODE_MIN = 1_000;

    private final String topic;
    private final EtlMetrics metrics;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final DeliveryMachine machine;
    private final EventStore store;
    private final ForkJoinPool decoders;
    private volatile boolean stopping;
    private volatile boolean polled;
    private volatile String state = "STARTING";
    private volatile int pending;

    /**
     * A loop with clients of the brokers in {@code kafka}.
     *
     * @param index    this loop's number in its process (0..consumers-1): names its Kafka clients and static membership
     * @param decoders the process's decoding pool, shared by its loops and shut down by their owner
     */
    public ConsumerLoop(
            EtlSettings settings,
            int index,
            EtlKafka kafka,
            EventStore store,
            EtlMetrics metrics,
            ForkJoinPool decoders,
            Clock clock) {
        this(settings, index, kafka, KafkaClientFactory.brokers(settings, kafka), store, metrics, decoders, clock);
    }

    /**
     * A loop with the clients {@code clients} builds (and the loop closes); {@code kafka} names the topics.
     *
     * @param clock the time every wait and batch deadline is measured in; the loop never sleeps
     */
    public ConsumerLoop(
            EtlSettings settings,
            int index,
            EtlKafka kafka,
            KafkaClientFactory clients,
            EventStore store,
            EtlMetrics metrics,
            ForkJoinPool decoders,
            Clock clock) {
        this.topic = kafka.topic();
        this.metrics = metrics;
        this.clock = clock;
        this.decoders = decoders;
        this.store = store;
        this.consumer = clients.consumer(index);
        this.producer = producerOrClose(clients, index, consumer);
        KafkaPorts ports = new KafkaPorts(topic, kafka.deadLetterTopic(), store, consumer, producer);
        Backoff backoff = new Backoff(
                settings.retryInitial(),
                settings.retryMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.machine = new DeliveryMachine(settings, ports, clock, backoff, metrics, topic);
    }

    private static Producer<byte[], byte[]> producerOrClose(
            KafkaClientFactory clients, int index, Consumer<byte[], byte[]> consumer) {
        try {
            return clients.producer(index);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    @Override
    public void run() {
        try {
            subscribe();
            while (!stopping && !terminal()) {
                pollOnce();
            }
            machine.close();
            publish();
        } finally {
            closeClients(Duration.ofSeconds(5));
        }
        if (machine.failure() != null) {
            throw machine.failure();
        }
    }

    /** Joins the group; partitions arrive with a later poll. Package-private for tests that drive the loop by hand. */
    void subscribe() {
        consumer.subscribe(List.of(topic), new Rebalance());
    }

    /**
     * One turn: a poll that waits at most until the machine's next deadline (on the injected clock), then the polled
     * records decoded and handed to the machine, which writes and commits what is due. Rebalance callbacks run inside
     * the poll, on this thread.
     */
    void pollOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
        polled = true;
        machine.accept(decode(records));
        machine.advance();
        publish();
    }

    private boolean terminal() {
        return machine.state() == DeliveryMachine.State.FAILED || machine.state() == DeliveryMachine.State.CLOSED;
    }

    private Duration pollWait() {
        Instant wake = machine.wakeUpAt();
        if (wake == null) {
            return MAX_POLL_WAIT;
        }
        Duration until = Duration.between(clock.instant(), wake);
        return until.isNegative() ? Duration.ZERO : (until.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : until);
    }

    /**
     * Decodes a poll's records in their order. JSON decoding is the ETL's largest CPU cost, and one core decodes fewer
     * records per second than the store writes (docs/benchmarks.md#etl), so large polls are decoded on every core.
     */
    private List<Incoming> decode(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> in = new ArrayList<>(records.count());
        records.forEach(in::add);
        Incoming[] out = new Incoming[in.size()];
        if (in.size() < PARALLEL_DECODE_MIN) {
            for (int i = 0; i < out.length; i++) {
                out[i] = decode(in.get(i));
            }
        } else {
            decoders.invoke(ForkJoinTask.adapt(
                    () -> IntStream.range(0, out.length).parallel().forEach(i -> out[i] = decode(in.get(i)))));
        }
        metrics.consumed(out.length);
        return Arrays.asList(out);
    }

    private Incoming decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return Incoming.event(new StoredEvent(codec.decode(r.value()), r.partition(), r.offset()));
        } catch (RuntimeException e) {
            log.trace("poison record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return Incoming.poison(new Poison(
                    r.topic(), r.partition(), r.offset(), r.key(), r.value(), String.valueOf(e.getMessage())));
        }
    }

    /** What {@link #snapshot()} reports; the lag is the group's, read by the process's {@code LagMonitor}. */
    private void publish() {
        state = machine.state().name();
        pending = machine.pendingRecords();
    }

    private void closeClients(Duration timeout) {
        try {
            // A static member stays in the group after a plain close, holding its partitions until its session times
            // out; a stopped loop hands them over at once instead (a crash is what static membership is for).
            consumer.close(CloseOptions.timeout(timeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            log.warn("closing the consumer failed: {}", e.toString());
        }
        producer.close(timeout);
    }

    /** Releases the Kafka clients of a loop that was never run. */
    public void abandon() {
        closeClients(Duration.ZERO);
    }

    /** Asks the loop to flush, commit and end; returns at once. */
    public void stop() {
        stopping = true;
    }

    /** This loop's part of {@link cinema.ugc.etl.Etl#status()}; safe to call from any thread. */
    public Snapshot snapshot() {
        RuntimeException failure = machine.failure();
        return new Snapshot(state, polled, pending, failure == null ? null : failure.getMessage());
    }

    /**
     * @param state   the delivery machine's state, or STARTING before the first poll
     * @param polled  whether the loop has polled at least once (joined the group)
     * @param pending records in the open batch
     * @param error   the fatal failure's message, or null
     */
    public record Snapshot(String state, boolean polled, int pending, String error) {}

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            log.info("partitions revoked: {}", partitions);
            machine.onRevoked(numbers(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("partitions assigned: {}", partitions);
            // another process may have written them, and stored records it did not commit
            store.partitionsAssigned(CommittedOffsets.of(consumer, partitions));
            machine.onAssigned(numbers(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("partitions lost: {}", partitions);
            machine.onLost(numbers(partitions));
        }

        private List<Integer> numbers(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).toList();
        }
    }
}
