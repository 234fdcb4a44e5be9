package cinema.ugc.etl;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import cinema.ugc.model.config.Setting;
import java.time.Duration;
import java.util.List;

/**
 * How the ETL batches, retries and reports. Kafka addresses and topic names come from the Kafka module's settings.
 *
 * @param batchSize     rows that make a batch due (it may overshoot by up to one poll)
 * @param batchAge      age of the oldest record that makes a batch due in any case
 * @param writeInterval once the consumer has caught up, the batch is due this long after the previous write began:
 *                      small, quick inserts when idle, yet at most one per consumer thread and interval (few parts)
 * @param group        Kafka consumer group; every ETL process of one pipeline shares it
 * @param retryInitial first back-off after a failed write; doubled per attempt with jitter
 * @param retryMax     the largest back-off; retriable failures are retried forever (never skip data)
 * @param httpPort     port of the standalone ETL's /metrics and /health (0 = any free port)
 * @param instanceId   Kafka static group membership id, or null: a restarted instance with the same id takes its
 *                     partitions back at once instead of after the session timeout of the killed one
 * @param consumers    consumer threads of this process, each with its own partitions and open batch
 * @param sessionTimeout how long the group coordinator waits for a silent member before it gives the member's
 *                     partitions to the others (Kafka's session.timeout.ms)
 */
public record EtlSettings(
        int batchSize,
        Duration batchAge,
        Duration writeInterval,
        String group,
        Duration retryInitial,
        Duration retryMax,
        int httpPort,
        String instanceId,
        int consumers,
        Duration sessionTimeout) {

    /** The brokers' default group.min.session.timeout.ms: a shorter session timeout is refused at join. */
    static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);

    public static final Setting<Integer> BATCH_SIZE = Setting.integer(
            "UGC_ETL_BATCH_SIZE",
            10_000,
            1,
            1_000_000,
            "Rows per store write; a batch is written when it has this many rows or is UGC_ETL_BATCH_AGE old.");
    public static final Setting<Duration> BATCH_AGE = Setting.duration(
            "UGC_ETL_BATCH_AGE",
            "1s",
            "Longest time a consumed record waits in the open batch before the batch is written.");
    public static final Setting<Duration> WRITE_INTERVAL = Setting.duration(
            "UGC_ETL_WRITE_INTERVAL",
            "500ms",
            "Once a consumer thread has caught up (no backlog as of its last fetch), its open batch is written as soon "
                    + "as this long has passed since its previous write began, without waiting for UGC_ETL_BATCH_SIZE or "
                    + "UGC_ETL_BATCH_AGE; while there is a backlog the batch still grows to its size. It caps the inserts at "
                    + "one per consumer thread and interval, to keep the store's parts few; 0ms writes every catch-up at once.");
    public static final Setting<String> GROUP = Setting.string(
            "UGC_ETL_GROUP",
            "ugc-etl",
            "Kafka consumer group of the ETL; offsets are committed in it only after a durable store write.");
    public static final Setting<Duration> RETRY_INITIAL = Setting.duration(
            "UGC_ETL_RETRY_INITIAL",
            "200ms",
            "First back-off after a failed store write; doubles per attempt, with jitter.");
    public static final Setting<Duration> RETRY_MAX = Setting.duration(
            "UGC_ETL_RETRY_MAX",
            "30s",
            "Longest back-off between store write attempts; retriable failures are retried without end.");
    public static final Setting<Integer> HTTP_PORT = Setting.integer(
            "UGC_ETL_HTTP_PORT",
            8081,
            0,
            65_535,
            "Port of the standalone ETL's /metrics and /health/live, /health/ready.");

    public static final Setting<String> INSTANCE_ID = Setting.string(
            "UGC_ETL_INSTANCE_ID",
            null,
            "Optional Kafka static membership id (group.instance.id), unique per ETL instance, e.g. the pod name: a "
                    + "restarted instance gets its partitions back without waiting for the session timeout. Empty: ./ugc etl "
                    + "joins as a dynamic member; ./ugc run uses an id kept in <UGC_DATA_DIR>/etl-instance-id.");

    public static final Setting<Integer> CONSUMERS = Setting.integer(
            "UGC_ETL_CONSUMERS",
            2,
            1,
            64,
            "Consumer threads per ETL process, each owning some partitions and its own open batch: one decodes while "
                    + "another waits for its store write. More than the topic's partitions leaves some idle.");

    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration(
            "UGC_ETL_SESSION_TIMEOUT",
            "10s",
            "How long Kafka waits for a silent ETL consumer (crashed, or a static member not yet restarted) before it "
                    + "gives its partitions to the others (session.timeout.ms; at least 6s, the brokers' minimum). Shorter "
                    + "moves partitions sooner after a crash; too short for the machine's pauses causes needless rebalances.");

    public static final List<Setting<?>> SETTINGS = List.of(
            BATCH_SIZE,
            BATCH_AGE,
            WRITE_INTERVAL,
            GROUP,
            RETRY_INITIAL,
            RETRY_MAX,
            HTTP_PORT,
            INSTANCE_ID,
            CONSUMERS,
            SESSION_TIMEOUT);

    public EtlSettings {
        requirePositive(BATCH_AGE, batchAge);
        if (writeInterval == null || writeInterval.isNegative()) {
            throw new ConfigException(WRITE_INTERVAL.key() + " must be 0 or a positive duration, not " + writeInterval);
        }
        requirePositive(RETRY_INITIAL, retryInitial);
        requirePositive(RETRY_MAX, retryMax);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new ConfigException(
                    RETRY_MAX.key() + "=" + retryMax + " is shorter than " + RETRY_INITIAL.key() + "=" + retryInitial);
        }
        if (consumers < 1) {
            throw new ConfigException(CONSUMERS.key() + " must be at least 1, not " + consumers);
        }
        if (batchSize < 1) {
            throw new ConfigException(BATCH_SIZE.key() + " must be at least 1, not " + batchSize);
        }
        if (group == null || group.isBlank()) {
            throw new ConfigException(GROUP.key() + " must not be empty");
        }
        if (sessionTimeout == null || sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0) {
            throw new ConfigException(SESSION_TIMEOUT.key() + "=" + sessionTimeout + " is shorter than "
                    + MIN_SESSION_TIMEOUT + ", the brokers' default group.min.session.timeout.ms");
        }
    }

    public static EtlSettings from(Env env) {
        return new EtlSettings(
                env.get(BATCH_SIZE),
                env.get(BATCH_AGE),
                env.get(WRITE_INTERVAL),
                env.get(GROUP),
                env.get(RETRY_INITIAL),
                env.get(RETRY_MAX),
                env.get(HTTP_PORT),
                env.get(INSTANCE_ID),
                env.get(CONSUMERS),
                env.get(SESSION_TIMEOUT));
    }

    public static EtlSettings defaults() {
        return from(Env.of(java.util.Map.of()));
    }

    public EtlSettings withBatch(int size, Duration age) {
        return withBatch(size, age, writeInterval);
    }

    public EtlSettings withBatch(int size, Duration age, Duration interval) {
        return new EtlSettings(
                size, age, interval, group, retryInitial, retryMax, httpPort, instanceId, consumers, sessionTimeout);
    }

    public EtlSettings withRetry(Duration initial, Duration max) {
        return new EtlSettings(
                batchSize,
                batchAge,
                writeInterval,
                group,
                initial,
                max,
                httpPort,
                instanceId,
                consumers,
                sessionTimeout);
    }

    public EtlSettings withGroup(String newGroup) {
        return new EtlSettings(
                batchSize,
                batchAge,
                writeInterval,
                newGroup,
                retryInitial,
                retryMax,
                httpPort,
                instanceId,
                consumers,
                sessionTimeout);
    }

    public EtlSettings withConsumers(int count) {
        return new EtlSettings(
                batchSize,
                batchAge,
                writeInterval,
                group,
                retryInitial,
                retryMax,
                httpPort,
                instanceId,
                count,
                sessionTimeout);
    }

    /** The same settings with static membership id {@code id} (null: dynamic membership). */
    public EtlSettings withInstanceId(String id) {
        return new EtlSettings(
                batchSize,
                batchAge,
                writeInterval,
                group,
                retryInitial,
                retryMax,
                httpPort,
                id,
                consumers,
                sessionTimeout);
    }

    /**
     * The static membership id of consumer {@code index}: the configured id itself for a single consumer (as before
     * there were several), else the id with the index appended, so that each stays unique and stable across restarts.
     */
    public String instanceIdOf(int index) {
        return instanceId == null ? null : consumers == 1 ? instanceId : instanceId + "-" + index;
    }

    private static void requirePositive(Setting<Duration> setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigException(setting.key() + " must be a positive duration, not " + value);
        }
    }
}
