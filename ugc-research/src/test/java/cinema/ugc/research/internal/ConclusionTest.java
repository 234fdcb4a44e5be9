package cinema.ugc.research.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.research.BenchResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conclusion drawn from the committed 10M-row comparison, where the two servers' analytics means nearly tie. */
class ConclusionTest {
    private static final Path COMMITTED = Path.of("..", "docs", "research", "results.json");

    @Test
    void aNearTieOnTheAnalyticsMeanIsCalledATieAndThePointReadWinnerIsNamed() throws Exception {
        BenchResults results = ResultsFiles.read(COMMITTED);
        List<String> lines = Conclusion.write(results);
        String design = lines.get(lines.size() - 1);
        assertTrue(design.startsWith("**What it means for our design**"), design);
        assertTrue(design.contains("— within 1 %, a tie on the analytics mean"), design);
        assertTrue(design.contains("postgres also answered the point reads of one user fastest"), design);
        assertFalse(design.contains("full-size run"), "this is the full-size run: " + design);
    }
}
