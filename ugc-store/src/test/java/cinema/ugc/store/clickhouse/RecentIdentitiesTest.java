package cinema.ugc.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import cinema.ugc.store.DedupWindow;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import cinema.ugc.store.internal.Identities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The window's logic against an in-memory table; ClickHouseStoreIT runs it against the server. */
class RecentIdentitiesTest {
    private static final Duration WINDOW = Duration.ofHours(1);

    /** An in-memory stand-in for the events table that counts the look-ups. */
    private static final class Table implements RecentIdentities.Table {
        final List<StoredEvent> rows = new ArrayList<>();
        int loads;
        int lookUps;
        int offsetReads;

        @Override
        public List<RecentIdentities.Recent> recent(int partition, Duration window) {
            loads++;
            long newest = rows.stream()
                    .filter(e -> e.partition() == partition)
                    .mapToLong(e -> e.event().receivedAt().toEpochMilli())
                    .max()
                    .orElse(0);
            return rows.stream()
                    .filter(e -> e.partition() == partition
                            && e.event().receivedAt().toEpochMilli() >= newest - window.toMillis())
                    .map(e -> new RecentIdentities.Recent(
                            e.event().userId(),
                            e.event().eventId(),
                            e.event().receivedAt().toEpochMilli()))
                    .toList();
        }

        @Override
        public Set<Identities.Key> stored(Collection<Identities.Key> keys) {
            lookUps++;
            Set<Identities.Key> found = new HashSet<>();
            rows.forEach(e -> {
                if (keys.contains(Identities.Key.of(e))) {
                    found.add(Identities.Key.of(e));
                }
            });
            return found;
        }

        @Override
        public long[] storedOffsets(int partition, long from) {
            offsetReads++;
            return rows.stream()
                    .filter(e -> e.partition() == partition && e.offset() >= from)
                    .mapToLong(StoredEvent::offset)
                    .toArray();
        }

        void write(RecentIdentities recent, List<StoredEvent> batch) {
            List<StoredEvent> unique = Identities.firstCopies(batch);
            long[] f = Identities.fingerprints(unique);
            rows.addAll(recent.fresh(unique, f));
            recent.remember(unique, f);
        }
    }

    @Test
    void newRowsCostNoLookUpAndCopiesAreDropped() {
        Table table = new Table();
        RecentIdentities recent = new RecentIdentities(WINDOW, table);
        List<StoredEvent> events = TestEvents.generate(1000, 31);
        table.write(recent, events.subList(0, 500));
        table.write(recent, events.subList(500, 1000));
        assertEquals(0, table.lookUps, "no row was a suspect");
        assertEquals(3, table.loads, "one read per partition");
        table.write(recent, events.subList(400, 600));
        assertEquals(1000, table.rows.size());
        assertEquals(1, table.lookUps);
    }

    @Test
    void aForgottenPartitionIsReadAgainFromTheTable() {
        Table table = new Table();
        RecentIdentities recent = new RecentIdentities(WINDOW, table);
        List<StoredEvent> events = TestEvents.generate(300, 32);
        table.write(recent, events.subList(0, 100));
        table.rows.addAll(events.subList(100, 200)); // written by another process meanwhile
        recent.forget(Map.of(0, 0L, 1, 0L, 2, 0L));
        table.write(recent, events);
        assertEquals(300, table.rows.size());
        assertEquals(6, table.loads);
    }

    /**
     * Records stored by a process that stopped before committing come again after the assignment; whatever their
     * received_at, the stored offsets from the committed one on drop them without a look-up.
     */
    @Test
    void recordsFromTheCommittedOffsetOnAreDroppedByOffset() {
        Table table = new Table();
        List<StoredEvent> events = TestEvents.generate(600, 34).stream()
                .map(e -> new StoredEvent(e.event(), 0, e.offset()))
                .toList();
        table.rows.addAll(events.subList(0, 450)); // committed up to 300, stored up to 450, then a crash
        RecentIdentities recent = new RecentIdentities(Duration.ofSeconds(1), table); // the window alone misses them
        recent.forget(Map.of(0, 300L));
        table.write(recent, events.subList(300, 600));
        assertEquals(600, table.rows.size());
        assertEquals(1, table.offsetReads);
        assertEquals(0, table.lookUps);
    }

    /** A failed insert may have stored some of its rows: the retry reads the partition again from the batch's start. */
    @Test
    void aRetryAfterAFailedInsertDropsWhatTheFailedOneStored() {
        Table table = new Table();
        RecentIdentities recent = new RecentIdentities(Duration.ofSeconds(1), table);
        List<StoredEvent> events = TestEvents.generate(400, 35);
        table.write(recent, events.subList(0, 200));
        List<StoredEvent> batch = events.subList(200, 400);
        List<StoredEvent> fresh = recent.fresh(batch, Identities.fingerprints(batch));
        table.rows.addAll(fresh.subList(0, 90)); // one month's part committed, then the insert failed
        recent.uncertain(fresh);
        table.write(recent, batch);
        assertEquals(400, table.rows.size());
        assertEquals(Set.copyOf(events), Set.copyOf(table.rows));
    }

    @Test
    void theWindowForgetsWhatIsOlderThanItsNewestRowMinusTheWindow() {
        PartitionWindow w = new PartitionWindow(WINDOW.toMillis());
        long t0 = 1_000_000_000L;
        w.add(1, t0);
        w.add(2, t0 + 10);
        w.evict();
        long justInside = t0 + WINDOW.toMillis() + PartitionWindow.SKEW_MARGIN_MILLIS;
        w.add(3, justInside);
        w.evict();
        assertTrue(w.contains(1) && w.contains(2) && w.contains(3));
        w.add(4, justInside + 11);
        w.evict();
        assertFalse(w.contains(1));
        assertFalse(w.contains(2));
        assertTrue(w.contains(3) && w.contains(4));
        assertEquals(2, w.size());
    }

    @Test
    void theRingGrowsKeepingItsOrder() {
        PartitionWindow w = new PartitionWindow(1000); // + the 60 s margin: 61 s, an entry every 20 ms
        for (int i = 0; i < 5000; i++) {
            w.add(i, i * 20L);
            if (i % 700 == 0) {
                w.evict(); // the head moves while the ring grows and wraps
            }
        }
        w.evict();
        assertEquals(3051, w.size(), "1949..4999: an entry exactly at the horizon (38,980 ms) stays");
        assertTrue(w.contains(1949) && w.contains(4999));
        assertFalse(w.contains(1948));
    }

    /**
     * The window's heap per identity, from the sizes of its arrays (deterministic, no timing): the figure behind the
     * setting's documentation. One identity per millisecond for an hour is 3.6M identities.
     */
    @Test
    void aWindowCosts27To38BytesPerIdentity() {
        PartitionWindow w = new PartitionWindow(WINDOW.toMillis());
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int n = 3_600_000;
        for (int i = 0; i < n; i++) {
            w.add(random.nextLong(), i);
        }
        w.evict();
        double perIdentity = (double) w.ramBytes() / w.size();
        System.out.printf(
                "window of %d identities: %d bytes, %.1f bytes per identity%n", w.size(), w.ramBytes(), perIdentity);
        assertEquals(n, w.size());
        assertTrue(perIdentity > 26 && perIdentity < 39, "bytes per identity: " + perIdentity);
    }

    /**
     * What the ETL's gauges read: the identities held over every partition, and the bytes of their windows as
     * {@link PartitionWindow#ramBytes()} counts them — the same as windows built apart with as many identities each.
     * Identities written again count once; a forgotten partition no longer counts.
     */
    @Test
    void theSizeIsTheIdentitiesHeldAndTheBytesOfTheirWindows() {
        Table table = new Table();
        RecentIdentities recent = new RecentIdentities(WINDOW, table);
        assertEquals(new DedupWindow(0, 0), recent.size());
        List<StoredEvent> events = TestEvents.generate(6000, 36); // received 100 ms apart: all within the window
        table.write(recent, events.subList(0, 4000));
        table.write(recent, events.subList(4000, 6000));
        long[] bytes = new long[3];
        for (int p = 0; p < 3; p++) {
            PartitionWindow apart = new PartitionWindow(WINDOW.toMillis());
            for (int i = 0; i < 2000; i++) {
                apart.add(i, i);
            }
            bytes[p] = apart.ramBytes();
        }
        assertEquals(new DedupWindow(6000, bytes[0] + bytes[1] + bytes[2]), recent.size());

        recent.forget(Map.of(0, 6000L));
        assertEquals(new DedupWindow(4000, bytes[1] + bytes[2]), recent.size());
        table.write(recent, events.subList(0, 3000)); // partition 0 read back; all copies
        assertEquals(6000, recent.size().identities(), "identities written again count once");
    }

    /** A re-send with another payload is dropped; the same id from another user is kept. */
    @Test
    void theIdentityIsTheUserAndTheId() {
        Table table = new Table();
        RecentIdentities recent = new RecentIdentities(WINDOW, table);
        StoredEvent first = TestEvents.generate(1, 33).get(0);
        Event e = first.event();
        Event other = new Event(
                e.eventId(),
                "someone-else",
                e.action(),
                e.filmId(),
                e.description(),
                e.eventTime(),
                e.startTime(),
                e.endTime(),
                e.properties(),
                e.receivedAt());
        Event changed = new Event(
                e.eventId(),
                e.userId(),
                e.action(),
                "another",
                null,
                e.eventTime().plusSeconds(99),
                null,
                null,
                e.properties(),
                e.receivedAt().plusSeconds(1));
        table.write(recent, List.of(first));
        table.write(recent, List.of(new StoredEvent(changed, 0, 5), new StoredEvent(other, 0, 6)));
        assertEquals(
                List.of(first.event(), other),
                table.rows.stream().map(StoredEvent::event).toList());
    }
}
