package cinema.ugc.etl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cinema.ugc.etl.EtlKafka;
import cinema.ugc.etl.EtlSettings;
import cinema.ugc.model.config.Env;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** What each consumer thread tells Kafka about its membership. */
class ConsumerConfigTest {
    private final EtlKafka kafka = new EtlKafka("127.0.0.1:1", "ugc.events", "ugc.events.dlq");

    @Test
    void staticMembershipIdPerThreadAndTheSessionTimeout() {
        EtlSettings settings =
                EtlSettings.from(Env.of(Map.of("UGC_ETL_INSTANCE_ID", "pod-a", "UGC_ETL_SESSION_TIMEOUT", "12s")));
        Map<String, Object> c = BrokerClients.consumerConfig(settings, 1, kafka);
        assertEquals("pod-a-1", c.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertEquals(12_000, c.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        assertEquals(3_000, c.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
    }

    @Test
    void heartbeatsAThirdOfAShortSessionAndDynamicMembershipWithoutAnId() {
        EtlSettings settings = EtlSettings.from(Env.of(Map.of("UGC_ETL_SESSION_TIMEOUT", "6s")));
        Map<String, Object> c = BrokerClients.consumerConfig(settings, 0, kafka);
        assertEquals(2_000, c.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
        assertFalse(c.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }
}
