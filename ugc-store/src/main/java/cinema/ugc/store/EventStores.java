package cinema.ugc.store;

import cinema.ugc.store.clickhouse.ClickHouseStore;
import cinema.ugc.store.duckdb.DuckDbStore;
import cinema.ugc.store.postgres.PostgresStore;

/** Opens the store the settings name; the caller {@link EventStore#migrate() migrates} and closes it. */
public final class EventStores {
    private EventStores() {}

    /**
     * @throws StoreException when the store cannot be reached or opened (retriable when it may come up later)
     */
    public static EventStore open(StoreSettings settings) {
        return switch (settings.kind()) {
            case DUCKDB -> DuckDbStore.open(settings.duckdbPath());
            case CLICKHOUSE -> ClickHouseStore.open(settings);
            case POSTGRES ->
                PostgresStore.open(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword());
        };
    }
}
