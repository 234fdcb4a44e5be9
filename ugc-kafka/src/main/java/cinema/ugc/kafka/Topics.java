package cinema.ugc.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration: create-if-missing at start-up, existence checks for readiness probes. */
public final class Topics {
    private Topics() {}

    /**
     * Creates the topic unless it exists (idempotent; a concurrent creator is fine). An existing topic is left as it
     * is, even if its partition count differs.
     *
     * @throws KafkaAdminException when the cluster did not answer within {@code timeout} or refused the topic
     */
    public static void ensure(
            Admin admin, String name, int partitions, int replication, int minInsync, Duration timeout) {
        ensure(admin, name, partitions, replication, minInsync, timeout, Map.of());
    }

    /**
     * As {@link #ensure(Admin, String, int, int, int, Duration)}, with further topic configs (e.g. {@code retention.ms},
     * {@code cleanup.policy}) applied when the topic is created; an existing topic keeps its own.
     */
    public static void ensure(
            Admin admin,
            String name,
            int partitions,
            int replication,
            int minInsync,
            Duration timeout,
            Map<String, String> configs) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.put("min.insync.replicas", Integer.toString(minInsync));
        NewTopic topic = new NewTopic(name, partitions, (short) replication).configs(all);
        try {
            admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(millis(timeout)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaAdminException(
                        "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new KafkaAdminException("Kafka did not create topic " + name + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted creating topic " + name, e);
        }
    }

    public static void ensure(
            String bootstrap, String name, int partitions, int replication, int minInsync, Duration timeout) {
        ensure(bootstrap, name, partitions, replication, minInsync, timeout, Map.of());
    }

    public static void ensure(
            String bootstrap,
            String name,
            int partitions,
            int replication,
            int minInsync,
            Duration timeout,
            Map<String, String> configs) {
        try (Admin admin = admin(bootstrap, timeout)) {
            ensure(admin, name, partitions, replication, minInsync, timeout, configs);
        }
    }

    /** True when the topic exists; false when it does not or the cluster did not answer within {@code timeout}. */
    public static boolean exists(Admin admin, String name, Duration timeout) {
        try {
            return admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout)))
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(name);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static boolean exists(String bootstrap, String name, Duration timeout) {
        try (Admin admin = admin(bootstrap, timeout)) {
            return exists(admin, name, timeout);
        }
    }

    /** True when the cluster at {@code bootstrap} answers a metadata request within {@code timeout}. */
    public static boolean reachable(String bootstrap, Duration timeout) {
        try (Admin admin = admin(bootstrap, timeout)) {
            admin.listTopics(new ListTopicsOptions().timeoutMs(millis(timeout)))
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An admin client whose calls give up after {@code timeout}. */
    public static Admin admin(String bootstrap, Duration timeout) {
        int ms = millis(timeout);
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.min(ms, 30_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                ms));
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
