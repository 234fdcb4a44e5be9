package cinema.ugc.kafka.erasure;

import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * The two compacted topics of erasures. {@link #REQUESTS}: key = user id, value = {@link ErasureRequest} — the
 * ETL's source of which users' history is erased up to when; {@link #STATUS}: key = erasure id, value =
 * {@link ErasureStatus} — progress and the audit record. Compacted and never deleted by time ({@code retention.ms=-1}),
 * one partition each: erasures are rare, and one partition is read start to end in order.
 */
public final class ErasureTopics {
    public static final String REQUESTS = "ugc.erasures";
    public static final String STATUS = "ugc.erasure-status";
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact", "retention.ms", "-1");

    private ErasureTopics() {}

    /** Creates both topics unless they exist; see {@link Topics#ensure}. */
    public static void ensure(String bootstrap, KafkaSettings kafka, Duration timeout) {
        for (String topic : new String[] {REQUESTS, STATUS}) {
            Topics.ensure(bootstrap, topic, 1, kafka.replication(), kafka.minInsync(), timeout, COMPACTED);
        }
    }
}
