package cinema.ugc.app;

/**
 * What a process of the service does; {@link Roles} says which a command runs. Like Kafka's {@code process.roles}:
 * one assembly ({@link Service}), the parts switched on by role.
 */
public enum Role {
    /** The embedded Kafka broker, under {@code <UGC_DATA_DIR>/kafka}: only when no UGC_KAFKA_BOOTSTRAP is set. */
    BROKER,
    /** The ingest API, the erasure API and the browser SDK on UGC_HTTP_PORT. */
    API,
    /** Kafka to the store, with erasures and retention; {@code /status} on the process's HTTP server. */
    ETL
}
