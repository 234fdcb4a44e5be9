package cinema.ugc.research;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void nearestRankPercentiles() {
        Summary s = Summary.of(5, 1, 4, 2, 3);
        assertEquals(new Summary(5, 3, 5, 1, 5, 3), s);
        Summary many = Summary.of(
                java.util.stream.IntStream.rangeClosed(1, 100).asDoubleStream().toArray());
        assertEquals(50, many.p50());
        assertEquals(95, many.p95());
    }
}
