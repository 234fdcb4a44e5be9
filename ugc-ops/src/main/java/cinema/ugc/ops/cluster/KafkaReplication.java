package cinema.ugc.ops.cluster;

/**
 * How many copies the cluster's brokers keep of every topic (events, dead letters and Kafka's internal topics), and how
 * many must be in sync for a write to be acknowledged. The one place this rule is written: the brokers, the topics
 * the cluster creates, the settings of its API/ETL instances and the Docker files all take it from here.
 *
 * @param factor    replication factor: one copy per broker, at most three
 * @param minInsync min.insync.replicas: two where there are two copies or more, so one broker can fail without
 *                  losing an acknowledged write or refusing new ones
 */
public record KafkaReplication(int factor, int minInsync) {
    private static final int MAX_FACTOR = 3;
    private static final int MIN_INSYNC = 2;

    public KafkaReplication {
        if (factor < 1 || minInsync < 1 || minInsync > factor) {
            throw new IllegalArgumentException("replication factor " + factor + " with min.insync.replicas " + minInsync
                    + ": need 1 <= min.insync.replicas <= factor");
        }
    }

    /** The rule for a cluster of {@code brokers} brokers. */
    public static KafkaReplication forBrokers(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a Kafka cluster needs at least one broker, not " + brokers);
        }
        int factor = Math.min(MAX_FACTOR, brokers);
        return new KafkaReplication(factor, Math.min(MIN_INSYNC, factor));
    }
}
