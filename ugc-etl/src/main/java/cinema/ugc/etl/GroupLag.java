package cinema.ugc.etl;

import cinema.ugc.kafka.KafkaAdminException;
import cinema.ugc.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on every partition of a topic, asked from the brokers: from the group's committed offset to
 * the end of the log. The ETL commits only after a durable store write, so the figure counts every record not yet
 * stored — whichever process holds the partition, and while none does (a rebalance, a crashed member). It does not
 * depend on this process's assignment, which the consumer's own lag does.
 *
 * <pre>{@code
 * try (GroupLag lag = GroupLag.connect(bootstrap, "ugc-etl", "ugc.events", Duration.ofSeconds(2))) {
 *     long behind = GroupLag.total(lag.read());
 * }
 * }</pre>
 */
public final class GroupLag implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final String topic;
    private final Duration timeout;

    private GroupLag(Admin admin, String group, String topic, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** An admin client for the group's lag; no connection is made until {@link #read()}. */
    public static GroupLag connect(String bootstrap, String group, String topic, Duration timeout) {
        return new GroupLag(Topics.admin(bootstrap, timeout), group, topic, timeout);
    }

    /**
     * The lag per partition of the topic, every partition included.
     *
     * @throws KafkaAdminException when the brokers do not answer within the timeout (or the topic does not exist)
     */
    public Map<Integer, Long> read() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions =
                await(admin.describeTopics(List.of(topic)).allTopicNames(), deadline).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
        // read_committed, as the ETL consumes: the end it can reach is the last stable offset
        ListOffsetsOptions stable = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends =
                admin.listOffsets(spec(partitions, OffsetSpec.latest()), stable).all();
        var starts = admin.listOffsets(spec(partitions, OffsetSpec.earliest()), stable)
                .all();
        return lag(
                offsets(await(starts, deadline)),
                offsets(await(ends, deadline)),
                committedOffsets(await(committed, deadline)));
    }

    /**
     * The lag per partition: from the committed offset to the end; where the group has committed nothing, or its
     * offset is older than the log start (retention deleted those records), from the log start, as the ETL's
     * {@code auto.offset.reset=earliest} reads.
     */
    static Map<Integer, Long> lag(Map<Integer, Long> starts, Map<Integer, Long> ends, Map<Integer, Long> committed) {
        Map<Integer, Long> lag = new TreeMap<>();
        ends.forEach((partition, end) -> {
            long start = starts.getOrDefault(partition, 0L);
            long from = Math.max(start, committed.getOrDefault(partition, start));
            lag.put(partition, Math.max(0, end - from));
        });
        return lag;
    }

    /** The sum over the partitions. */
    public static long total(Map<Integer, Long> lagByPartition) {
        return lagByPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, OffsetSpec> spec(List<TopicPartition> partitions, OffsetSpec spec) {
        return partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    }

    private static Map<Integer, Long> offsets(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos) {
        return infos.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    private Map<Integer, Long> committedOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(
                        e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    private <T> T await(KafkaFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while reading the lag of group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaAdminException(
                    "cannot read the lag of group " + group + " on topic " + topic + " within " + timeout + ": "
                            + (e.getCause() == null ? e : e.getCause()),
                    e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
