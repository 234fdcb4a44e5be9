package cinema.ugc.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtlSettingsTest {

    @Test
    void defaults() {
        EtlSettings s = EtlSettings.defaults();
        assertEquals(10_000, s.batchSize());
        assertEquals(Duration.ofSeconds(1), s.batchAge());
        assertEquals(Duration.ofMillis(500), s.writeInterval());
        assertEquals("ugc-etl", s.group());
        assertEquals(Duration.ofMillis(200), s.retryInitial());
        assertEquals(Duration.ofSeconds(30), s.retryMax());
        assertEquals(8081, s.httpPort());
        assertNull(s.instanceId());
        assertEquals(2, s.consumers());
        assertEquals(Duration.ofSeconds(10), s.sessionTimeout());
    }

    @Test
    void readsEveryKey() {
        EtlSettings s = EtlSettings.from(Env.of(Map.of(
                "UGC_ETL_BATCH_SIZE",
                "500",
                "UGC_ETL_BATCH_AGE",
                "250ms",
                "UGC_ETL_WRITE_INTERVAL",
                "100ms",
                "UGC_ETL_GROUP",
                "g",
                "UGC_ETL_RETRY_INITIAL",
                "1s",
                "UGC_ETL_RETRY_MAX",
                "1m",
                "UGC_ETL_HTTP_PORT",
                "0",
                "UGC_ETL_INSTANCE_ID",
                "etl-0",
                "UGC_ETL_CONSUMERS",
                "3",
                "UGC_ETL_SESSION_TIMEOUT",
                "20s")));
        assertEquals(
                new EtlSettings(
                        500,
                        Duration.ofMillis(250),
                        Duration.ofMillis(100),
                        "g",
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        0,
                        "etl-0",
                        3,
                        Duration.ofSeconds(20)),
                s);
    }

    @Test
    void aZeroWriteIntervalIsAllowed() {
        assertEquals(
                Duration.ZERO,
                EtlSettings.from(Env.of(Map.of("UGC_ETL_WRITE_INTERVAL", "0ms")))
                        .writeInterval());
    }

    @Test
    void eachConsumerGetsItsOwnStableStaticMembershipId() {
        EtlSettings two = EtlSettings.from(Env.of(Map.of("UGC_ETL_INSTANCE_ID", "pod-a")));
        assertEquals("pod-a-0", two.instanceIdOf(0));
        assertEquals("pod-a-1", two.instanceIdOf(1));
        assertEquals("pod-a", two.withConsumers(1).instanceIdOf(0), "one consumer keeps the configured id as it is");
        assertNull(EtlSettings.defaults().instanceIdOf(1));
        assertEquals("run-x-1", EtlSettings.defaults().withInstanceId("run-x").instanceIdOf(1));
    }

    @Test
    void errorsNameTheKey() {
        assertTrue(message("UGC_ETL_BATCH_SIZE", "0").contains("UGC_ETL_BATCH_SIZE"));
        assertTrue(message("UGC_ETL_BATCH_AGE", "soon").contains("UGC_ETL_BATCH_AGE"));
        assertTrue(message("UGC_ETL_BATCH_AGE", "0s").contains("UGC_ETL_BATCH_AGE"));
        assertTrue(message("UGC_ETL_WRITE_INTERVAL", "-1s").contains("UGC_ETL_WRITE_INTERVAL"));
        assertTrue(message("UGC_ETL_HTTP_PORT", "70000").contains("UGC_ETL_HTTP_PORT"));
        assertTrue(message("UGC_ETL_CONSUMERS", "0").contains("UGC_ETL_CONSUMERS"));
        assertTrue(
                message("UGC_ETL_SESSION_TIMEOUT", "5s").contains("UGC_ETL_SESSION_TIMEOUT"),
                "below the brokers' minimum the join would fail: refused at start-up instead");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> EtlSettings.from(Env.of(Map.of("UGC_ETL_RETRY_INITIAL", "10s", "UGC_ETL_RETRY_MAX", "1s"))));
        assertTrue(
                e.getMessage().contains("UGC_ETL_RETRY_MAX") && e.getMessage().contains("UGC_ETL_RETRY_INITIAL"));
    }

    @Test
    void everySettingIsDeclaredOnce() {
        assertEquals(10, EtlSettings.SETTINGS.size());
        EtlSettings.SETTINGS.forEach(s -> assertTrue(s.key().startsWith("UGC_ETL_")));
    }

    private static String message(String key, String value) {
        return assertThrows(ConfigException.class, () -> EtlSettings.from(Env.of(Map.of(key, value))))
                .getMessage();
    }
}
