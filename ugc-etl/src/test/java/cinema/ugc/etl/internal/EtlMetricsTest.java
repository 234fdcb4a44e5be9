package cinema.ugc.etl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.EventQueries;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.StoredEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store's deduplication window as the ETL exports it on /metrics (the Prometheus registry's scrape). The figures
 * themselves are the store's: RecentIdentitiesTest and ClickHouseStoreIT check them.
 */
class EtlMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void theStoresDedupWindowIsReadAtEachScrape() {
        WindowedStore store = new WindowedStore(Optional.of(new DedupWindow(0, 0)));
        new EtlMetrics(registry).dedupWindow(store);
        assertTrue(registry.scrape().contains("ugc_etl_dedup_window_identities 0.0"), registry.scrape());

        store.window = Optional.of(new DedupWindow(1_234, 98_304)); // after writes

        String scrape = registry.scrape();
        assertTrue(scrape.contains("ugc_etl_dedup_window_identities 1234.0"), scrape);
        assertTrue(scrape.contains("ugc_etl_dedup_window_bytes 98304.0"), scrape);
    }

    @Test
    void aStoreWithoutAWindowExportsNoWindowGauges() {
        new EtlMetrics(registry).dedupWindow(new WindowedStore(Optional.empty()));
        assertFalse(registry.scrape().contains("ugc_etl_dedup_window"), registry.scrape());
    }

    /** A store whose window the test sets. */
    private static final class WindowedStore implements EventStore {
        volatile Optional<DedupWindow> window;

        WindowedStore(Optional<DedupWindow> window) {
            this.window = window;
        }

        @Override
        public Optional<DedupWindow> dedupWindow() {
            return window;
        }

        @Override
        public String describe() {
            return "windowed store";
        }

        @Override
        public void migrate() {}

        @Override
        public void write(List<StoredEvent> batch) {}

        @Override
        public EventQueries queries() {
            throw new UnsupportedOperationException("not read in this test");
        }

        @Override
        public void close() {}
    }
}
