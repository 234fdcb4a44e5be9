package cinema.ugc.query;

import cinema.ugc.model.Instants;
import cinema.ugc.query.internal.RateMeter;
import cinema.ugc.store.EventQueries;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code GET /api/v1/stats/status}: the dashboard's live figures. The ingest rate and ETL lag come from the
 * in-process {@link PipelineProbe}; rows stored is the store's exact distinct count. Unknown figures are null.
 */
final class StatusView {
    private final EventQueries queries;
    private final PipelineProbe probe;
    private final String storeName;
    private final Clock clock;
    private final RateMeter ingestRate;

    StatusView(EventQueries queries, PipelineProbe probe, String storeName, Clock clock) {
        this.queries = queries;
        this.probe = probe;
        this.storeName = storeName;
        this.clock = clock;
        this.ingestRate = new RateMeter(probe::acceptedEvents, clock, Duration.ofSeconds(10));
    }

    JsonObject read() {
        double rate = ingestRate.perSecond();
        long accepted = probe.acceptedEvents();
        long lag = probe.etlLag();
        return new JsonObject()
                .put("at", Instants.format(clock.instant()))
                .put("store", storeName)
                .put("ingest_rate_per_s", rate < 0 ? null : Math.round(rate * 10) / 10.0)
                .put("accepted_events", accepted < 0 ? null : accepted)
                .put("etl_lag", lag < 0 ? null : lag)
                .put("rows_stored", queries.countEvents());
    }
}
