package cinema.ugc.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void defaultsStartTheEmbeddedBrokerUnderTheDataDir() {
        KafkaSettings s = KafkaSettings.from(Env.of(Map.of("UGC_DATA_DIR", "/tmp/d")));
        assertTrue(s.embedded());
        assertEquals("ugc.events", s.topic());
        assertEquals("ugc.events.dlq", s.dlqTopic());
        assertEquals(6, s.partitions());
        assertEquals(Path.of("/tmp/d/kafka"), s.dataDir());
        assertEquals(9092, s.embeddedPort());
    }

    @Test
    void externalClusterSettings() {
        KafkaSettings s = KafkaSettings.from(Env.of(Map.of(
                "UGC_KAFKA_BOOTSTRAP", "h1:9092,h2:9092", "UGC_KAFKA_REPLICATION", "3", "UGC_KAFKA_MIN_INSYNC", "2")));
        assertEquals(Optional.of("h1:9092,h2:9092"), s.bootstrap());
        assertEquals(3, s.replication());
        assertEquals(2, s.minInsync());
    }

    @Test
    void rejectsMinInsyncAboveReplication() {
        var e = assertThrows(
                ConfigException.class, () -> KafkaSettings.from(Env.of(Map.of("UGC_KAFKA_MIN_INSYNC", "2"))));
        assertTrue(e.getMessage().contains("UGC_KAFKA_MIN_INSYNC"));
    }
}
