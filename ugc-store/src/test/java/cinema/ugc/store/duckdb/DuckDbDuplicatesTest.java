package cinema.ugc.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cinema.ugc.model.Event;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.Identities;
import cinema.ugc.store.internal.JdbcEventQueries;
import cinema.ugc.store.internal.JdbcMigrator;
import com.carrotsearch.hppc.BitMixer;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The duplicate detection's logic on an in-memory DuckDB database (DuckDbStoreTest runs it inside the store): which
 * copy wins, which rows are looked up, and what a re-delivered batch appends.
 */
class DuckDbDuplicatesTest {
    private DuckDBConnection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
        JdbcMigrator.apply(c, DuckDbSchema.MIGRATIONS, null);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    /** The copy consumed first — lowest partition, then offset — wins whatever its payload; another user's id is new. */
    @Test
    void theFirstCopyByUserAndEventIdWins() throws SQLException {
        StoredEvent e = TestEvents.generate(1, 41).get(0);
        Event changed =
                with(e.event(), e.event().eventId(), e.event().receivedAt().plusSeconds(5));
        StoredEvent late = new StoredEvent(e.event(), 1, 5);
        StoredEvent first = new StoredEvent(changed, 0, 9);
        StoredEvent between = new StoredEvent(e.event(), 1, 2);
        StoredEvent otherUser = new StoredEvent(
                new Event(
                        e.event().eventId(),
                        "someone-else",
                        e.event().action(),
                        e.event().filmId(),
                        null,
                        e.event().eventTime(),
                        e.event().startTime(),
                        e.event().endTime(),
                        e.event().properties(),
                        e.event().receivedAt()),
                1,
                3);
        DuckDbDuplicates duplicates = DuckDbDuplicates.load(c);

        List<StoredEvent> fresh = fresh(duplicates, List.of(late, otherUser, first, between));

        assertEquals(List.of(otherUser, first), fresh);
    }

    /** Only rows whose identity's fingerprint is known are looked up: a new batch costs no query. */
    @Test
    void onlyIdentitiesWithAKnownFingerprintAreSuspects() throws SQLException {
        List<StoredEvent> events = TestEvents.generate(200, 42);
        store(events.subList(0, 100));
        DuckDbDuplicates duplicates = DuckDbDuplicates.load(c);

        assertEquals(List.of(), suspects(duplicates, events.subList(100, 200)));
        assertEquals(events.subList(50, 100), suspects(duplicates, events.subList(50, 150)));
        assertEquals(100, duplicates.size());
    }

    /** A batch written again — after a lost commit, before or after a restart — appends only what it adds. */
    @Test
    void aReDeliveredBatchAppendsOnlyItsNewRows() throws SQLException {
        List<StoredEvent> events = TestEvents.generate(300, 43);
        DuckDbDuplicates duplicates = DuckDbDuplicates.load(c);
        List<StoredEvent> first = fresh(duplicates, events.subList(0, 200));
        assertEquals(events.subList(0, 200), first);
        store(first);

        assertEquals(List.of(), fresh(duplicates, events.subList(0, 200)));
        assertEquals(events.subList(200, 300), fresh(duplicates, events.subList(150, 300)));
        assertEquals(List.of(), fresh(DuckDbDuplicates.load(c), events.subList(0, 200)), "after a restart");
    }

    /** An append that failed leaves its identities known but not stored: they are looked up, and kept. */
    @Test
    void aBatchWhoseAppendFailedIsAppendedWholeOnItsRetry() throws SQLException {
        List<StoredEvent> batch = TestEvents.generate(100, 44);
        DuckDbDuplicates duplicates = DuckDbDuplicates.load(c);
        fresh(duplicates, batch); // then the transaction rolled back

        assertEquals(batch, suspects(duplicates, batch));
        assertEquals(batch, fresh(duplicates, batch));
    }

    /**
     * Two identities sharing a fingerprint: the second is a suspect, not found, and kept. For one user, the same mixed
     * low half xor-ed into the high half gives the same fingerprint.
     */
    @Test
    void anIdentitySharingAStoredFingerprintIsKept() throws SQLException {
        StoredEvent stored = TestEvents.generate(1, 45).get(0);
        UUID a = stored.event().eventId();
        long otherLow = a.getLeastSignificantBits() + 1;
        UUID b = new UUID(
                a.getMostSignificantBits() ^ BitMixer.mix64(a.getLeastSignificantBits()) ^ BitMixer.mix64(otherLow),
                otherLow);
        assertEquals(
                Identities.fingerprint(stored.event().userId(), a),
                Identities.fingerprint(stored.event().userId(), b));
        StoredEvent twin =
                new StoredEvent(with(stored.event(), b, stored.event().receivedAt()), 0, 1);
        store(List.of(stored));
        DuckDbDuplicates duplicates = DuckDbDuplicates.load(c);

        assertEquals(List.of(twin), suspects(duplicates, List.of(twin)));
        assertEquals(List.of(twin), fresh(duplicates, List.of(twin, stored)));
    }

    /** Suspects are first searched among recent rows; one whose first copy is older is found in the whole table. */
    @Test
    void aCopyReSentLongAfterItsFirstIsFoundInTheWholeTable() throws SQLException {
        List<StoredEvent> events = TestEvents.generate(20, 46);
        store(events);
        StoredEvent original = events.get(3);
        StoredEvent late = new StoredEvent(
                with(
                        original.event(),
                        original.event().eventId(),
                        original.event().receivedAt().plus(DuckDbDuplicates.RECENT.multipliedBy(3))),
                2,
                500);
        StoredEvent fresh = TestEvents.generate(21, 47).get(20);
        assertNotEquals(original.event().eventId(), fresh.event().eventId());

        assertEquals(List.of(fresh), fresh(DuckDbDuplicates.load(c), List.of(late, fresh)));
    }

    private List<StoredEvent> fresh(DuckDbDuplicates duplicates, List<StoredEvent> batch) throws SQLException {
        return duplicates.fresh(c, DuckDbDuplicates.firstCopies(batch));
    }

    private static List<StoredEvent> suspects(DuckDbDuplicates duplicates, List<StoredEvent> batch) {
        return duplicates.suspects(DuckDbDuplicates.firstCopies(batch));
    }

    private static Event with(Event e, UUID id, Instant receivedAt) {
        return new Event(
                id,
                e.userId(),
                e.action(),
                e.filmId(),
                "changed",
                e.eventTime(),
                e.startTime(),
                e.endTime(),
                e.properties(),
                receivedAt);
    }

    /** The columns the detection reads, and the NOT NULL ones. */
    private void store(List<StoredEvent> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (event_id, user_id, action, event_time, "
                + "properties, received_at, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, '{}', ?, ?, ?)")) {
            for (StoredEvent e : rows) {
                ps.setObject(1, e.event().eventId());
                ps.setString(2, e.event().userId());
                ps.setString(3, e.event().action().name());
                ps.setObject(4, JdbcEventQueries.local(e.event().eventTime()));
                ps.setObject(5, JdbcEventQueries.local(e.event().receivedAt()));
                ps.setInt(6, e.partition());
                ps.setLong(7, e.offset());
                ps.executeUpdate();
            }
        }
    }
}
