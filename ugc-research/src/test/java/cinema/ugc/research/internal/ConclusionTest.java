package cinema.ugc.research.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.research.BenchResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conclusion drawn from a 10M-row comparison in which the two servers' analytics means nearly tie: the edge case
 * where the text must call a tie rather than name a winner. A copy of a real run's results (not
 * docs/research/results.json, which every run of the research replaces), so the case stays fixed.
 */
class ConclusionTest {
    private static final Path NEAR_TIE =
            Path.of("src", "test", "resources", "cinema", "ugc", "research", "internal", "results-2026-11-28-10M.json");

    @Test
    void aNearTieOnTheAnalyticsMeanIsCalledATieAndThePointReadWinnerIsNamed() throws Exception {
        BenchResults results = ResultsFiles.read(NEAR_TIE);
        List<String> lines = Conclusion.write(results);
        String design = lines.get(lines.size() - 1);
        assertTrue(design.startsWith("**What it means for our design**"), design);
        assertTrue(design.contains("— within 1 %, a tie on the analytics mean"), design);
        assertTrue(design.contains("postgres also answered the point reads of one user fastest"), design);
        assertFalse(design.contains("full-size run"), "this is the full-size run: " + design);
    }
}
