package cinema.ugc.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lag arithmetic: every partition of the topic counts, committed or not. */
class GroupLagTest {

    @Test
    void fromTheCommittedOffsetToTheEndOnEveryPartition() {
        Map<Integer, Long> starts = Map.of(0, 0L, 1, 0L, 2, 100L, 3, 0L);
        Map<Integer, Long> ends = Map.of(0, 50L, 1, 40L, 2, 150L, 3, 0L);
        Map<Integer, Long> committed = Map.of(0, 50L, 1, 10L, 2, 20L);
        Map<Integer, Long> lag = GroupLag.lag(starts, ends, committed);
        assertEquals(0L, lag.get(0), "committed up to the end");
        assertEquals(30L, lag.get(1), "committed 10 of 40");
        assertEquals(50L, lag.get(2), "committed offset older than the log start: counted from the log start");
        assertEquals(0L, lag.get(3), "an empty partition");
        assertEquals(80L, GroupLag.total(lag));
    }

    @Test
    void aPartitionTheGroupNeverCommittedCountsWhole() {
        Map<Integer, Long> lag = GroupLag.lag(Map.of(0, 5L, 1, 0L), Map.of(0, 25L, 1, 7L), Map.of());
        assertEquals(Map.of(0, 20L, 1, 7L), lag);
    }
}
