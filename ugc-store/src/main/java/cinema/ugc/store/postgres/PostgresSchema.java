package cinema.ugc.store.postgres;

import cinema.ugc.store.internal.Migration;
import java.util.List;

/**
 * PostgreSQL's versioned migrations. Indexes follow the queries: (user_id, event_time) makes a user's history and
 * resume position index lookups; (film_id, action, user_id) answers viewers and completion from the index;
 * event_time serves the time-range aggregates.
 */
final class PostgresSchema {
    private PostgresSchema() {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "events table keyed on event_id",
                    List.of(
                            """
                    CREATE TABLE IF NOT EXISTS events (
                        event_id uuid PRIMARY KEY,
                        user_id text NOT NULL,
                        action text NOT NULL,
                        film_id text,
                        description text,
                        event_time timestamp(3) NOT NULL,
                        start_time timestamp(3),
                        end_time timestamp(3),
                        properties text NOT NULL,
                        received_at timestamp(3) NOT NULL,
                        kafka_partition integer NOT NULL,
                        kafka_offset bigint NOT NULL)""",
                            "CREATE INDEX IF NOT EXISTS events_user_time ON events (user_id, event_time)",
                            "CREATE INDEX IF NOT EXISTS events_film_action_user ON events (film_id, action, user_id)",
                            "CREATE INDEX IF NOT EXISTS events_time ON events (event_time)")),
            // An event's identity is (user_id, event_id): one user's id must not hide another user's event.
            new Migration(
                    2,
                    "events keyed on (user_id, event_id)",
                    List.of("ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (user_id, event_id)")));

    /** Serialises migrators of several instances for the migration's transaction. */
    static final String LOCK = "SELECT pg_advisory_xact_lock(7741005)";

    static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS events_staging "
            + "(LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

    static final String COPY = "COPY events_staging FROM STDIN";

    /**
     * The first copy of each identity wins, within the batch (DISTINCT ON, lowest Kafka position) and against stored
     * rows (ON CONFLICT).
     */
    static final String MERGE = "INSERT INTO events SELECT DISTINCT ON (user_id, event_id) * FROM events_staging "
            + "ORDER BY user_id, event_id, kafka_partition, kafka_offset ON CONFLICT (user_id, event_id) DO NOTHING";
}
