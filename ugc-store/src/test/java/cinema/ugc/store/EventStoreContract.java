package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every store must do; each implementation's test extends this with a fresh, migrated, empty store. */
public abstract class EventStoreContract {

    protected abstract EventStore store();

    @Test
    void eventsRoundTripIntact() {
        List<StoredEvent> batch = TestEvents.generate(300, 1);
        store().write(batch);
        List<Event> expected = batch.stream().map(StoredEvent::event).filter(e -> e.userId().equals("user-7"))
                .sorted(Comparator.comparing(Event::eventTime).thenComparing(e -> e.eventId().toString()).reversed())
                .toList();
        assertEquals(expected, store().queries().userEvents("user-7", TestEvents.END, 1000));
    }

    @Test
    void rewritingBatchesChangesNothing() {
        List<StoredEvent> events = TestEvents.generate(2000, 2);
        store().write(events.subList(0, 1200));
        List<StoredEvent> second = new ArrayList<>(events.subList(800, 2000));
        second.addAll(events.subList(1000, 1100)); // duplicates inside one batch too
        store().write(second);
        store().write(events.subList(0, 500));
        store().write(List.of());
        assertEquals(2000, store().queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store().queries()));
    }

    /** A client's re-send can sit in the same batch as its first copy, neither stored before. */
    @Test
    void aBatchRepeatingNewIdsStoresEachOnce() {
        List<StoredEvent> events = TestEvents.generate(1000, 14);
        List<StoredEvent> batch = new ArrayList<>(events);
        batch.addAll(events.subList(100, 400));
        store().write(batch);
        assertEquals(1000, store().queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store().queries()));
    }

    @Test
    void migrateIsIdempotent() {
        store().migrate();
        store().migrate();
        store().write(TestEvents.generate(10, 3));
        assertEquals(10, store().queries().countEvents());
    }

    @Test
    void emptyStoreAnswersEmpty() {
        Map<String, Object> suite = QuerySuite.run(store().queries());
        assertEquals(QuerySuite.run(new ReferenceQueries(List.of())), suite);
        assertEquals(List.of(), store().queries().eventsByAction(Instant.EPOCH, TestEvents.END));
    }

    /** Erasure removes exactly the user's events received up to the instant; every other result stays exact. */
    @Test
    void erasureRemovesOnlyTheUsersEventsReceivedUpToTheInstant() {
        List<StoredEvent> events = TestEvents.generate(3000, 21);
        store().write(events);
        List<java.time.Instant> received = events.stream().filter(e -> e.event().userId().equals("user-7"))
                .map(e -> e.event().receivedAt()).sorted().toList();
        java.time.Instant upTo = received.get(received.size() / 2);
        java.util.Map<String, java.time.Instant> erase = java.util.Map.of("user-7", upTo,
                "user-8", TestEvents.END.plusSeconds(86_400), "nobody", TestEvents.END);
        List<StoredEvent> kept = events.stream().filter(e -> !erased(e.event(), erase)).toList();

        java.util.Map<String, Long> removed = store().eraser().erase(erase);

        assertEquals(events.stream().filter(e -> erased(e.event(), erase) && e.event().userId().equals("user-7")).count(),
                removed.getOrDefault("user-7", 0L));
        assertEquals(events.stream().filter(e -> e.event().userId().equals("user-8")).count(),
                removed.getOrDefault("user-8", 0L));
        assertEquals(kept.size(), store().queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(kept)), QuerySuite.run(store().queries()));
        assertEquals(0L, store().eraser().erase(erase).values().stream().mapToLong(Long::longValue).sum(),
                "erasing again removes nothing");
        assertEquals(QuerySuite.run(new ReferenceQueries(kept)), QuerySuite.run(store().queries()));
    }

    private static boolean erased(Event e, java.util.Map<String, java.time.Instant> upTo) {
        java.time.Instant t = upTo.get(e.userId());
        return t != null && !e.receivedAt().isAfter(t);
    }

    /** A month boundary, so that ClickHouse's whole-partition drop and the exact DELETEs agree. */
    @Test
    void retentionRemovesOnlyOlderEventsAndTwiceChangesNothing() {
        List<StoredEvent> events = TestEvents.generate(3000, 22);
        store().write(events);
        java.time.Instant cutoff = java.time.Instant.parse("2024-03-01T00:00:00Z");
        List<StoredEvent> kept = events.stream().filter(e -> !e.event().eventTime().isBefore(cutoff)).toList();
        assertTrue(kept.size() > 0 && kept.size() < events.size(), "the data straddles the cutoff");

        assertTrue(store().eraser().removeOlderThan(cutoff) >= events.size() - kept.size());
        assertEquals(QuerySuite.run(new ReferenceQueries(kept)), QuerySuite.run(store().queries()));
        assertEquals(0, store().eraser().removeOlderThan(cutoff), "a second run removes nothing");
        assertEquals(kept.size(), store().queries().countEvents());
    }
}
