package cinema.ugc.store.duckdb;

import cinema.ugc.store.internal.Migration;
import java.util.List;

/** DuckDB's versioned migrations. Timestamps are UTC wall-clock {@code TIMESTAMP}s; event_id is the primary key. */
final class DuckDbSchema {
    private DuckDbSchema() {
    }

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
                        kafka_offset BIGINT NOT NULL)""")));

    /** Per-connection staging table the appender fills; temporary, so it never reaches the file. */
    static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS events_staging AS SELECT * FROM events LIMIT 0";

    /** First copy of each id wins, both within the batch (DISTINCT ON) and against stored rows (OR IGNORE). */
    static final String MERGE = "INSERT OR IGNORE INTO events SELECT DISTINCT ON (event_id) * FROM events_staging "
            + "ORDER BY event_id, kafka_partition, kafka_offset";

    /**
     * DuckDB's messages for a primary-key violation: {@code Constraint Error: Duplicate key "event_id: …"} from SQL,
     * {@code Failed to append: Duplicate key "event_id: …" violates primary key constraint} from the appender.
     */
    static boolean isDuplicateKey(java.sql.SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Duplicate key")
                && (message.contains("Constraint Error") || message.contains("violates primary key constraint"));
    }
}
