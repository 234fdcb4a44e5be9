package cinema.ugc.etl;

import cinema.ugc.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Who holds what in a consumer group, as its coordinator sees it: static members by instance id. */
public final class GroupMembers implements AutoCloseable {
    private final Admin admin;
    private final String group;

    public GroupMembers(String bootstrap, String group) {
        this.admin = Topics.admin(bootstrap, Duration.ofSeconds(5));
        this.group = group;
    }

    /** Partitions per static member (dynamic members under their member id), in the group's current assignment. */
    public Map<String, Set<Integer>> assignment() throws Exception {
        ConsumerGroupDescription d;
        try {
            d = admin.describeConsumerGroups(java.util.List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of(); // nobody has joined yet
            }
            throw e;
        }
        Map<String, Set<Integer>> out = new TreeMap<>();
        for (MemberDescription m : d.members()) {
            Set<Integer> partitions = new TreeSet<>();
            m.assignment().topicPartitions().stream()
                    .map(TopicPartition::partition)
                    .forEach(partitions::add);
            out.put(m.groupInstanceId().orElse(m.consumerId()), partitions);
        }
        return out;
    }

    public Set<Integer> of(String instanceId) throws Exception {
        return assignment().getOrDefault(instanceId, Set.of());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
