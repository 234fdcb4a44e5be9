package cinema.ugc.ops.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    private static final Duration TICK = Duration.ofMillis(1);

    @Test
    void asksAgainUntilTheConditionHolds() {
        AtomicInteger asked = new AtomicInteger();
        assertTrue(Poll.until(() -> asked.incrementAndGet() == 3, Duration.ofMinutes(1), TICK));
        assertEquals(3, asked.get());
    }

    @Test
    void asksOnceEvenWithNoTimeLeft() {
        AtomicInteger asked = new AtomicInteger();
        assertTrue(Poll.until(() -> asked.incrementAndGet() > 0, Duration.ZERO, TICK));
        assertEquals(1, asked.get());
    }

    @Test
    void givesUpAtTheDeadline() {
        AtomicInteger asked = new AtomicInteger();
        assertFalse(Poll.until(() -> asked.incrementAndGet() < 0, Duration.ofMillis(200), TICK));
        assertTrue(asked.get() >= 2, "asked again before the deadline: " + asked.get());
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(IllegalStateException.class, () -> Poll.until(() -> false, Duration.ofMinutes(1), TICK));
            assertTrue(Thread.interrupted(), "interrupt flag restored");
        } finally {
            Thread.interrupted();
        }
    }
}
