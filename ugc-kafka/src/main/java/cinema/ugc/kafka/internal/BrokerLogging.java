package cinema.ugc.kafka.internal;

import java.util.List;

/**
 * Quiets the broker: at INFO it logs every config value and partition change. Applies to slf4j-simple, which reads
 * per-logger levels from system properties when a logger is first created — so this must run before the broker starts.
 * A level set explicitly by the user (-D...) wins.
 */
public final class BrokerLogging {
    private static final List<String> LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private BrokerLogging() {}

    public static void quiet() {
        for (String logger : LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
