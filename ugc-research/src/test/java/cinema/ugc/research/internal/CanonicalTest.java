package cinema.ugc.research.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cinema.ugc.store.EventQueries.Count;
import cinema.ugc.store.EventQueries.DailyAverage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void numbersCompareByValueAndDoublesToNineDigits() {
        Instant day = Instant.parse("2026-10-01T00:00:00Z");
        assertEquals(
                Canonical.of(List.of(new DailyAverage(day, 3, 1.0 / 3))),
                Canonical.of(List.of(new DailyAverage(day, 3, 0.33333333333333337))));
        assertEquals(Canonical.of(Map.of("score", 4, "a", "x")), Canonical.of(Map.of("a", "x", "score", 4L)));
        assertEquals(Canonical.of(Optional.of(2.0)), Canonical.of(Optional.of(2.0000000000001)));
    }

    @Test
    void differentAnswersDiffer() {
        assertNotEquals(Canonical.of(List.of(new Count("VIEW", 3))), Canonical.of(List.of(new Count("VIEW", 4))));
        assertNotEquals(Canonical.of(Optional.empty()), Canonical.of(Optional.of(0.0)));
        String diff = Canonical.firstDifference("[a,\n b]", "[a,\n c]");
        assertEquals(true, diff.contains("b") && diff.contains("c"), diff);
    }
}
