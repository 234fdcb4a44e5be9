package cinema.ugc.store.duckdb;

import cinema.ugc.store.internal.Migration;
import java.util.List;

/**
 * DuckDB's versioned migrations. Timestamps are UTC wall-clock {@code TIMESTAMP}s. Since version 2 event_id carries no
 * key: the store itself keeps each id once ({@link DuckDbStore}), because the primary key's index slows the ETL's
 * appends on a multi-million-row file (docs/benchmarks.md#etl).
 */
final class DuckDbSchema {
    private DuckDbSchema() {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "events table keyed on event_id", List.of("""
                    CREATE TABLE IF NOT EXISTS events (
                        event_id UUID PRIMARY KEY,
                        user_id VARCHAR NOT NULL,
                        action VARCHAR NOT NULL,
                        film_id VARCHAR,
                        description VARCHAR,
                        event_time TIMESTAMP NOT NULL,
                        start_time TIMESTAMP,
                        end_time TIMESTAMP,
                        properties VARCHAR NOT NULL,
                        received_at TIMESTAMP NOT NULL,
                        kafka_partition INTEGER NOT NULL,
                        kafka_offset BIGINT NOT NULL)""")),
            // DuckDB cannot drop a primary key in place: copy the rows into an unkeyed table and swap the names. The
            // columns are spelled out again on purpose — a migration states the schema of its version, and
            // CREATE TABLE … AS SELECT would drop the NOT NULL constraints.
            new Migration(
                    2,
                    "events table without the primary-key index; the store keeps each event_id once",
                    List.of(
                            """
                    CREATE TABLE events_unkeyed (
                        event_id UUID NOT NULL,
                        user_id VARCHAR NOT NULL,
                        action VARCHAR NOT NULL,
                        film_id VARCHAR,
                        description VARCHAR,
                        event_time TIMESTAMP NOT NULL,
                        start_time TIMESTAMP,
                        end_time TIMESTAMP,
                        properties VARCHAR NOT NULL,
                        received_at TIMESTAMP NOT NULL,
                        kafka_partition INTEGER NOT NULL,
                        kafka_offset BIGINT NOT NULL)""",
                            "INSERT INTO events_unkeyed SELECT * FROM events",
                            "DROP TABLE events",
                            "ALTER TABLE events_unkeyed RENAME TO events")));

    /**
     * Per-connection temporary table of the identities (user_id, event_id) a batch may repeat, joined against
     * {@code events} to find which are stored; temporary, so it never reaches the file.
     */
    static final String SUSPECTS =
            "CREATE TEMP TABLE IF NOT EXISTS suspect_keys (user_id VARCHAR NOT NULL, " + "event_id UUID NOT NULL)";

    /** Hash join built on the few suspects, probing the stored identities once. */
    static final String STORED_SUSPECTS = "SELECT DISTINCT s.user_id, s.event_id FROM suspect_keys s JOIN events e "
            + "ON e.event_id = s.event_id AND e.user_id = s.user_id";
}
