package cinema.ugc.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import cinema.ugc.model.Event;
import cinema.ugc.store.StoredEvent;
import cinema.ugc.store.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    /** Within a batch, the copy consumed first (lowest partition, then offset) is the one kept. */
    @Test
    void firstCopiesKeepTheLowestPosition() {
        StoredEvent e = TestEvents.generate(1, 11).get(0);
        StoredEvent late = new StoredEvent(e.event(), 2, 5);
        StoredEvent early = new StoredEvent(e.event(), 1, 9);
        StoredEvent other = TestEvents.generate(2, 12).get(1);
        assertEquals(List.of(early, other), Identities.firstCopies(List.of(late, early, other)));
        assertEquals(List.of(early, other), Identities.firstCopies(List.of(early, late, other, early)));
        List<StoredEvent> distinct = List.of(late, other);
        assertSame(distinct, Identities.firstCopies(distinct));
    }

    /** A re-send with another payload is still the same identity; the same id from another user is not. */
    @Test
    void theIdentityIsTheUserAndTheId() {
        StoredEvent first = TestEvents.generate(1, 13).get(0);
        Event e = first.event();
        StoredEvent changed = new StoredEvent(
                new Event(
                        e.eventId(),
                        e.userId(),
                        e.action(),
                        "another-film",
                        null,
                        e.eventTime().plusSeconds(3600),
                        null,
                        null,
                        e.properties(),
                        e.receivedAt().plusSeconds(5)),
                0,
                7);
        StoredEvent otherUser = new StoredEvent(
                new Event(
                        e.eventId(),
                        e.userId() + "-other",
                        e.action(),
                        e.filmId(),
                        e.description(),
                        e.eventTime(),
                        e.startTime(),
                        e.endTime(),
                        e.properties(),
                        e.receivedAt()),
                0,
                8);
        assertEquals(List.of(first, otherUser), Identities.firstCopies(List.of(changed, first, otherUser)));
        long[] f = Identities.fingerprints(List.of(first, changed, otherUser));
        assertEquals(f[0], f[1]);
        assertNotEquals(f[0], f[2]);
    }
}
