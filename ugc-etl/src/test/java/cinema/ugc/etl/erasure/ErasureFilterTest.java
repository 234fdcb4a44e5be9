package cinema.ugc.etl.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ErasureFilterTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void dropsOnlyTheErasedUsersEventsReceivedUpToTheInstant() {
        ErasureFilter filter = new ErasureFilter();
        filter.add("a", T);
        filter.add("a", T.minusSeconds(60)); // an older erasure never narrows a newer one
        List<StoredEvent> batch = List.of(
                event("a", T.minusMillis(1)),
                event("a", T),
                event("a", T.plusMillis(1)),
                event("b", T.minusSeconds(5)));
        List<StoredEvent> written = new ArrayList<>();
        filter.write(batch, written::addAll);
        assertEquals(List.of(batch.get(2), batch.get(3)), written);
        assertEquals(T, filter.erasedUpTo("a"));
    }

    @Test
    void anErasureIsAddedOnlyOnceNoWriteIsRunning() throws Exception {
        ErasureFilter filter = new ErasureFilter();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> filter.write(List.of(event("a", T)), kept -> {
            writing.countDown();
            await(release);
        }));
        writer.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        CountDownLatch added = new CountDownLatch(1);
        Thread adder = new Thread(() -> {
            filter.add("a", T);
            added.countDown();
        });
        adder.start();
        assertTrue(!added.await(200, TimeUnit.MILLISECONDS), "add waits for the running write");
        release.countDown();
        assertTrue(added.await(10, TimeUnit.SECONDS));
        writer.join();
        adder.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static StoredEvent event(String user, Instant received) {
        return new StoredEvent(
                new Event(UUID.randomUUID(), user, Action.CLICK, null, null, received, null, null, Map.of(), received),
                0,
                0);
    }
}
