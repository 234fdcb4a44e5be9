package cinema.ugc.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifecycle edges that need no broker: a never-started ETL closes cleanly and cannot be started afterwards. */
class EtlLifecycleTest {

    @Test
    void closingAnUnstartedEtlReleasesItAndForbidsAStart() {
        Etl etl = new Etl(
                EtlSettings.defaults(),
                new EtlKafka("127.0.0.1:1", "ugc.events", "ugc.events.dlq"),
                new NoStore(),
                new SimpleMeterRegistry());
        EtlStatus status = etl.status();
        assertEquals("STARTING", status.state());
        assertFalse(status.ready());
        assertTrue(status.live());
        etl.close();
        assertTrue(etl.termination().isDone());
        assertThrows(IllegalStateException.class, etl::start);
        etl.close();
    }

    private static final class NoStore implements EventStore {
        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void migrate() {}

        @Override
        public void write(List<StoredEvent> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventQueries queries() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
