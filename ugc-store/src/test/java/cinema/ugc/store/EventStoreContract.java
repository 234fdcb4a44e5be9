package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import java.time.Duration;
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
        List<Event> expected = batch.stream()
                .map(StoredEvent::event)
                .filter(e -> e.userId().equals("user-7"))
                .sorted(Comparator.comparing(Event::eventTime)
                        .thenComparing(e -> e.eventId().toString())
                        .reversed())
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

    /**
     * A client re-sends an id after a lost 202, but with another payload (another action, film, time — a month later,
     * so another ClickHouse partition — and description): the first copy wins, in a later batch and within one batch.
     */
    @Test
    void aReSentIdWithAnotherPayloadKeepsTheFirstCopy() {
        List<StoredEvent> events = TestEvents.generate(600, 21);
        store().write(events.subList(0, 400));
        List<StoredEvent> later = new ArrayList<>(events.subList(400, 600));
        for (StoredEvent e : events.subList(0, 500)) {
            if (e.offset() % 5 == 0) {
                later.add(changed(e, 10_000)); // re-sends of stored events and of events in this very batch
            }
        }
        store().write(later);
        store().write(events.subList(0, 600).stream()
                .filter(e -> e.offset() % 7 == 0)
                .map(e -> changed(e, 20_000))
                .toList());
        assertEquals(600, store().queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(events)), QuerySuite.run(store().queries()));
    }

    /** The same event_id from two users is two events: the id is each client's key, not a global one. */
    @Test
    void theSameIdFromTwoUsersIsTwoEvents() {
        List<StoredEvent> events = TestEvents.generate(300, 22);
        List<StoredEvent> others =
                events.stream().map(e -> otherUser(e, 50_000)).toList();
        store().write(events.subList(0, 200));
        List<StoredEvent> mixed = new ArrayList<>(events.subList(200, 300));
        mixed.addAll(others); // the other user's copies of stored ids and of ids in this batch
        store().write(mixed);
        assertEquals(600, store().queries().countEvents());
        List<StoredEvent> all = new ArrayList<>(events);
        all.addAll(others);
        assertEquals(QuerySuite.run(new ReferenceQueries(all)), QuerySuite.run(store().queries()));
    }

    /** The same identity consumed again later (higher offset, same partition) with every field but the id changed. */
    private static StoredEvent changed(StoredEvent e, long offsetShift) {
        Event o = e.event();
        Action action = o.action() == Action.VIEW ? Action.CLICK : Action.VIEW;
        Event resent = new Event(
                o.eventId(),
                o.userId(),
                action,
                "film-resent",
                "re-sent",
                o.eventTime().plus(Duration.ofDays(31)),
                null,
                null,
                Map.of("resent", true),
                o.receivedAt().plusSeconds(30));
        return new StoredEvent(resent, e.partition(), e.offset() + offsetShift);
    }

    /** The same event id sent by another user (another Kafka partition: the key is the user). */
    private static StoredEvent otherUser(StoredEvent e, long offsetShift) {
        Event o = e.event();
        Event copy = new Event(
                o.eventId(),
                "other-" + o.userId(),
                o.action(),
                o.filmId(),
                o.description(),
                o.eventTime(),
                o.startTime(),
                o.endTime(),
                o.properties(),
                o.receivedAt());
        return new StoredEvent(copy, (e.partition() + 1) % 3, e.offset() + offsetShift);
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
        List<java.time.Instant> received = events.stream()
                .filter(e -> e.event().userId().equals("user-7"))
                .map(e -> e.event().receivedAt())
                .sorted()
                .toList();
        java.time.Instant upTo = received.get(received.size() / 2);
        java.util.Map<String, java.time.Instant> erase = java.util.Map.of(
                "user-7", upTo, "user-8", TestEvents.END.plusSeconds(86_400), "nobody", TestEvents.END);
        List<StoredEvent> kept =
                events.stream().filter(e -> !erased(e.event(), erase)).toList();

        java.util.Map<String, Long> removed = store().eraser().erase(erase);

        assertEquals(
                events.stream()
                        .filter(e ->
                                erased(e.event(), erase) && e.event().userId().equals("user-7"))
                        .count(),
                removed.getOrDefault("user-7", 0L));
        assertEquals(
                events.stream().filter(e -> e.event().userId().equals("user-8")).count(),
                removed.getOrDefault("user-8", 0L));
        assertEquals(kept.size(), store().queries().countEvents());
        assertEquals(QuerySuite.run(new ReferenceQueries(kept)), QuerySuite.run(store().queries()));
        assertEquals(
                0L,
                store().eraser().erase(erase).values().stream()
                        .mapToLong(Long::longValue)
                        .sum(),
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
        List<StoredEvent> kept = events.stream()
                .filter(e -> !e.event().eventTime().isBefore(cutoff))
                .toList();
        assertTrue(kept.size() > 0 && kept.size() < events.size(), "the data straddles the cutoff");

        // exact on every store: ClickHouse's whole-month partition drop removes just these at a month boundary
        assertEquals(events.size() - kept.size(), store().eraser().removeOlderThan(cutoff));
        assertEquals(QuerySuite.run(new ReferenceQueries(kept)), QuerySuite.run(store().queries()));
        assertEquals(0, store().eraser().removeOlderThan(cutoff), "a second run removes nothing");
        assertEquals(kept.size(), store().queries().countEvents());
    }
}
