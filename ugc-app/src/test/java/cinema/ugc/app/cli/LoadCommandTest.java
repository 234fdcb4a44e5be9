package cinema.ugc.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cinema.ugc.app.Main;
import cinema.ugc.load.LoadOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {

    private static LoadOptions parse(String... args) {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void defaultsToThirtySecondsAsFastAsPossible() {
        LoadOptions o = parse("--secret", "s".repeat(32));
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(0, o.rate());
        assertEquals(100, o.batchSize());
        assertEquals(16, o.concurrency());
        assertNull(o.idsFile());
    }

    @Test
    void aJsonReportBringsAnIdsFileBesideIt() {
        LoadOptions o = parse(
                "--events",
                "500",
                "--json",
                "out/run.json",
                "--seed",
                "9",
                "--id-seed",
                "4",
                "--secret",
                "s".repeat(32));
        assertEquals(500, o.events());
        assertNull(o.duration());
        assertEquals(Path.of("out/run.json.ids"), o.idsFile());
        assertEquals(9, o.seed());
        assertEquals(4, o.idSeed());
    }

    @Test
    void badOptionsExitWithTwo() {
        assertEquals(2, Main.run("load", "--events", "5", "--duration", "5s"));
        assertEquals(2, Main.run("load", "--events", "5", "--batch-size", "0", "--secret", "s".repeat(32)));
        assertEquals(2, Main.run("load", "--duration", "soon", "--secret", "s".repeat(32)));
        assertEquals(2, Main.run("load", "--duration", "5s", "--pregenerate", "--secret", "s".repeat(32)));
        assertEquals(2, Main.run("load", "--events", "5", "--warmup", "5s", "--secret", "s".repeat(32)));
        assertEquals(2, Main.run("load", "--warmup", "later", "--secret", "s".repeat(32)));
    }

    @Test
    void aWarmupIsPlannedWithTheRun() {
        LoadOptions o = parse("--duration", "20s", "--warmup", "10s", "--rate", "100", "--secret", "s".repeat(32));
        assertEquals(Duration.ofSeconds(10), o.warmup());
        assertEquals(3_000, o.plannedEvents(), "a pre-generated run must also cover the warm-up");
        assertEquals(Duration.ofSeconds(10), o.warmupPhase().duration());
        assertEquals(Duration.ZERO, o.warmupPhase().warmup());
        assertEquals(0, o.warmupPhase().lagSamples());
        assertEquals(Duration.ZERO, parse("--secret", "s".repeat(32)).warmup());
    }

    @Test
    void aBadDurationNamesItsOption() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> parse("--warmup", "later", "--secret", "s".repeat(32)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("--warmup later: "), e.getMessage());
    }
}
