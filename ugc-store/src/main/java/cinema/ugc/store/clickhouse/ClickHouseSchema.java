package cinema.ugc.store.clickhouse;

import cinema.ugc.store.internal.Migration;
import java.util.List;

/**
 * ClickHouse's versioned migrations, in SQL that both 18.16 and 23+ accept (no DateTime64, Map, TTL, codecs,
 * LowCardinality). Instants are a {@code DateTime('UTC')} (partitioning, sort key, filters) plus a {@code *_ms}
 * millisecond part, so the contract's millisecond precision survives on 18.16.
 *
 * <p>ORDER BY (action, film_id, user_id, event_time, event_id): the film analytics (top films of an action, viewers,
 * completion) and a user's resume position read a narrow key range. The store keeps copies of an identity out of the
 * table ({@link RecentIdentities}); ReplacingMergeTree is the backstop that merges away identical copies that got in
 * anyway (re-sent after the deduplication window). film_id is '' for "no film" because 18.16 refuses Nullable sort
 * keys.
 */
final class ClickHouseSchema {
    private ClickHouseSchema() {}

    static List<String> bootstrap(String db) {
        return List.of(
                "CREATE DATABASE IF NOT EXISTS " + db,
                "CREATE TABLE IF NOT EXISTS " + db + ".schema_migrations (version UInt32, description String, "
                        + "applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version");
    }

    static List<Migration> migrations(String db) {
        return List.of(
                new Migration(1, "events table, ReplacingMergeTree keyed on event_id", List.of("""
                CREATE TABLE IF NOT EXISTS %s.events (
                    event_id UUID,
                    user_id String,
                    action String,
                    film_id String,
                    description Nullable(String),
                    event_time DateTime('UTC'),
                    event_time_ms UInt16,
                    start_time Nullable(DateTime('UTC')),
                    start_time_ms UInt16,
                    end_time Nullable(DateTime('UTC')),
                    end_time_ms UInt16,
                    properties String,
                    received_at DateTime('UTC'),
                    received_at_ms UInt16,
                    kafka_partition Int32,
                    kafka_offset Int64
                ) ENGINE = ReplacingMergeTree
                PARTITION BY toYYYYMM(event_time)
                ORDER BY (action, film_id, user_id, event_time, event_id)""".formatted(db))),
                // Until version 2 the store let copies in and counts read FINAL; now counts read the table as it is,
                // so the copies written before are merged away once. Slow on a large table (a full rewrite): the
                // operator may run it by hand before upgrading, after which it finds nothing to do.
                new Migration(
                        2,
                        "collapse copies written before the store kept them out (counts read no FINAL)",
                        List.of("OPTIMIZE TABLE " + db + ".events FINAL")));
    }

    /** The columns RowBinary writes, in this order. */
    static final List<String> COLUMNS = List.of(
            "event_id",
            "user_id",
            "action",
            "film_id",
            "description",
            "event_time",
            "event_time_ms",
            "start_time",
            "start_time_ms",
            "end_time",
            "end_time_ms",
            "properties",
            "received_at",
            "received_at_ms",
            "kafka_partition",
            "kafka_offset");
}
