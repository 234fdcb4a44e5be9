package cinema.ugc.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one-check-for-all deadlines of {@link InFlight}, on a clock the test moves. */
class InFlightTest {
    /** An item that started at a given time (identity equality, like the publisher's requests). */
    static final class Item {
        final String name;
        final long startedAt;

        Item(String name, long startedAt) {
            this.name = name;
            this.startedAt = startedAt;
        }
    }

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final InFlight<Item> inFlight = new InFlight<>(Duration.ofMillis(100), item -> item.startedAt, now::get);
    final List<String> expired = new ArrayList<>();

    Item start(String name) {
        Item item = new Item(name, now.get());
        inFlight.add(item);
        return item;
    }

    void advanceMillis(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    void sweep() {
        inFlight.expire(item -> expired.add(item.name));
    }

    @Test
    void expiresOnlyWhatIsPastTheLimitOldestFirst() {
        start("a");
        advanceMillis(30);
        start("b");
        advanceMillis(30);
        start("c");
        advanceMillis(39); // a at 99 ms
        sweep();
        assertEquals(List.of(), expired, "nothing has reached its limit yet");
        advanceMillis(1); // a at 100 ms
        sweep();
        assertEquals(List.of("a"), expired);
        advanceMillis(1000); // b and c long past
        sweep();
        assertEquals(List.of("a", "b", "c"), expired);
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void aFinishedItemIsNeverExpiredAndDoesNotHoldBackTheOthers() {
        Item a = start("a");
        advanceMillis(10);
        start("b");
        advanceMillis(10);
        Item c = start("c");
        inFlight.remove(a);
        inFlight.remove(c);
        advanceMillis(500);
        sweep();
        assertEquals(List.of("b"), expired);
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void eachItemIsExpiredOnce() {
        Item a = start("a");
        advanceMillis(200);
        sweep();
        sweep();
        inFlight.remove(a); // its completion arriving after the expiry changes nothing
        sweep();
        assertEquals(List.of("a"), expired);
        assertEquals(0, inFlight.size());
    }

    @Test
    void aZeroLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InFlight<Item>(Duration.ZERO, i -> 0, () -> 0));
    }
}
