package cinema.ugc.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.ingest.IngestSettings;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerConfigsTest {
    private static Map<String, Object> configs(Map<String, String> env) {
        return ProducerConfigs.of("127.0.0.1:9092", IngestSettings.from(Env.of(env)));
    }

    @Test
    void aHungBrokerHoldsARequestForTheRequestTimeoutNotTheWholeDeliveryTimeout() {
        Map<String, Object> defaults = configs(Map.of());

        assertEquals(3_000, defaults.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(10_000, defaults.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals("all", defaults.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, defaults.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals(
                7_000,
                configs(Map.of("UGC_INGEST_REQUEST_TIMEOUT", "7s")).get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
    }

    @Test
    void theRequestTimeoutIsCappedSoKafkaAcceptsTheDeliveryTimeout() {
        // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms when the producer is built.
        Map<String, Object> tight = configs(Map.of("UGC_INGEST_DELIVERY_TIMEOUT", "2s", "UGC_INGEST_LINGER", "5ms"));

        assertEquals(1_995, tight.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertTrue((int) tight.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
                >= (int) tight.get(ProducerConfig.LINGER_MS_CONFIG)
                        + (int) tight.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
    }

    @Test
    void aRequestTimeoutTooShortToReachABrokerIsRefusedByName() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> configs(Map.of("UGC_INGEST_REQUEST_TIMEOUT", "10ms")));
        assertTrue(e.getMessage().contains("UGC_INGEST_REQUEST_TIMEOUT"), e.getMessage());
    }

    @Test
    void requestsInFlightPerBrokerAreTheOperatorsWithinWhatIdempotenceAllows() {
        Map<String, Object> defaults = configs(Map.of());
        // The default: as many as idempotence allows, so replication waits overlap; 1 ms of linger.
        assertEquals(5, defaults.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
        assertEquals(1, defaults.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals(
                2,
                configs(Map.of("UGC_INGEST_MAX_IN_FLIGHT", "2"))
                        .get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
        // More than 5 would make Kafka drop idempotence (or refuse to start): refused by name instead.
        ConfigException e = assertThrows(ConfigException.class, () -> configs(Map.of("UGC_INGEST_MAX_IN_FLIGHT", "6")));
        assertTrue(e.getMessage().contains("UGC_INGEST_MAX_IN_FLIGHT"), e.getMessage());
    }
}
