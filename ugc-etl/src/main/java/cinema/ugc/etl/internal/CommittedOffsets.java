package cinema.ugc.etl.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group's committed offsets of newly assigned partitions: the store learns from where records may come again
 * ({@link cinema.ugc.store.EventStore#partitionsAssigned}). A partition without a commit — or when the broker does not
 * answer — reads from 0, which makes the store check every offset it holds of that partition: slower, never wrong.
 */
final class CommittedOffsets {
    private static final Logger log = LoggerFactory.getLogger(CommittedOffsets.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private CommittedOffsets() {}

    static Map<Integer, Long> of(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<Integer, Long> out = new HashMap<>();
        partitions.forEach(tp -> out.put(tp.partition(), 0L));
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
            committed.forEach((tp, o) -> {
                if (o != null) {
                    out.put(tp.partition(), o.offset());
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "cannot read the committed offsets of {}; the store checks every offset it holds of them: {}",
                    partitions,
                    e.toString());
        }
        return out;
    }
}
