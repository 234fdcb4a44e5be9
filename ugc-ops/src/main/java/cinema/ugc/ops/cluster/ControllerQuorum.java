package cinema.ugc.ops.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.QuorumInfo;

/**
 * The KRaft metadata quorum as its controllers describe it, asked of the controllers directly
 * ({@code bootstrap.controllers}): it answers while every broker is down too.
 *
 * @param leaderId the node id of the active controller
 * @param voters   the node ids of the voters
 */
public record ControllerQuorum(int leaderId, Set<Integer> voters) {

    /** The quorum, or empty when none of {@code bootstrapControllers} answers with a leader within {@code timeout}. */
    public static Optional<ControllerQuorum> describe(String bootstrapControllers, Duration timeout) {
        int ms = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                bootstrapControllers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                ms))) {
            QuorumInfo q = admin.describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(ms))
                    .quorumInfo()
                    .get(ms + 1000L, TimeUnit.MILLISECONDS);
            return Optional.of(new ControllerQuorum(
                    q.leaderId(),
                    q.voters().stream().map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet())));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
