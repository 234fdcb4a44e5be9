package cinema.ugc.etl;

import cinema.ugc.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group has committed compared with the end of the topic, read with an admin client. */
public final class GroupProgress {
    private GroupProgress() {}

    /** Records of the topic past the group's committed offsets (all of them when nothing is committed). */
    public static long uncommitted(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Topics.admin(bootstrap, Duration.ofSeconds(10))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(java.util.List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions();
            Map<TopicPartition, OffsetSpec> request = partitions.stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                behind += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return behind;
        }
    }
}
