package cinema.ugc.app;

import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.model.config.ConfigException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of one process, chosen by its command: {@code ./ugc run} all of them, {@code ./ugc api} the API,
 * {@code ./ugc etl} the ETL; the broker joins a process only when no external Kafka is configured.
 *
 * <p>What depends on a combination is decided here too: with both the API and the ETL in one process (the all-in-one
 * {@code ./ugc run}) the process also serves the read API, the dashboard and the demo player (they read the store the
 * ETL writes), its ETL joins with a static membership id kept in the data directory, and it drains the ETL before it
 * stops (the events its own API accepted get stored).
 */
public record Roles(Set<Role> set) {

    public Roles {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("a process needs at least one role");
        }
        set = Set.copyOf(set);
    }

    /** {@code ./ugc run}: the whole pipeline. */
    public static Roles run(KafkaSettings kafka) {
        return withBroker(kafka, EnumSet.of(Role.API, Role.ETL));
    }

    /** {@code ./ugc api}: the ingest API. */
    public static Roles api(KafkaSettings kafka) {
        return withBroker(kafka, EnumSet.of(Role.API));
    }

    /**
     * {@code ./ugc etl}: the ETL alone, which reads an external Kafka.
     *
     * @throws ConfigException when UGC_KAFKA_BOOTSTRAP is empty
     */
    public static Roles etl(KafkaSettings kafka) {
        if (kafka.embedded()) {
            throw new ConfigException("UGC_KAFKA_BOOTSTRAP is empty: the standalone ETL reads an external Kafka; set "
                    + "it, e.g. UGC_KAFKA_BOOTSTRAP=localhost:9092 (./ugc run starts an embedded broker and runs the "
                    + "ETL in the same process)");
        }
        return new Roles(EnumSet.of(Role.ETL));
    }

    private static Roles withBroker(KafkaSettings kafka, EnumSet<Role> roles) {
        if (kafka.embedded()) {
            roles.add(Role.BROKER);
        }
        return new Roles(roles);
    }

    public boolean has(Role role) {
        return set.contains(role);
    }

    /** The API and the ETL in one process: the read API, dashboard, demo player, static membership, drain on stop. */
    public boolean allInOne() {
        return has(Role.API) && has(Role.ETL);
    }

    /**
     * Whether the process keeps state in UGC_DATA_DIR and so locks it: the embedded broker's log, or the all-in-one
     * process's DuckDB file and ETL instance id. A standalone ETL or API on external Kafka does not.
     */
    public boolean ownsDataDir() {
        return has(Role.BROKER) || allInOne();
    }
}
