package cinema.ugc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
