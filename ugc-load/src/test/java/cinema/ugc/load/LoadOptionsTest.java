package cinema.ugc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options by name: the builder's defaults, a copy changed in one place, and validation at build. */
class LoadOptionsTest {
    private static final URI URL = URI.create("http://127.0.0.1:1");
    private static final String SECRET = "s".repeat(32);

    @Test
    void aBuilderStartsFromTheDefaultsOfACountedRun() {
        LoadOptions o = LoadOptions.builder(URL, SECRET).events(500).build();
        LoadOptions counted = LoadOptions.events(URL, 500, SECRET);
        assertEquals(
                counted, o.toBuilder().seeds(counted.seed(), counted.idSeed()).build());
        assertEquals(100, o.batchSize());
        assertEquals(16, o.concurrency());
        assertEquals(10_000, o.users());
        assertEquals(1_000, o.films());
        assertEquals(20, o.maxAttempts());
        assertEquals(Duration.ZERO, o.warmup());
    }

    @Test
    void aCopyChangesOnlyWhatItNames() {
        LoadOptions o = LoadOptions.builder(URL, SECRET)
                .rate(50)
                .duration(Duration.ofSeconds(20))
                .batching(10, 4)
                .population(30, 5)
                .seeds(7, 8)
                .lag(3, Duration.ofSeconds(2))
                .idsFile(Path.of("ids"))
                .maxAttempts(4)
                .progress(true)
                .pregenerate(true)
                .warmup(Duration.ofSeconds(5))
                .build();
        assertEquals(o, o.toBuilder().build());
        LoadOptions copy = o.withBatching(1, 2);
        assertEquals(o.toBuilder().batching(1, 2).build(), copy);
        assertEquals(1, copy.batchSize());
        assertEquals(2, copy.concurrency());
        assertEquals(o.users(), copy.users());
        assertEquals(o.warmup(), copy.warmup());
    }

    @Test
    void aTargetReplacesTheOther() {
        LoadOptions counted = LoadOptions.builder(URL, SECRET)
                .duration(Duration.ofSeconds(1))
                .events(9)
                .build();
        assertEquals(9, counted.events());
        assertNull(counted.duration());
        LoadOptions timed = counted.toBuilder().duration(Duration.ofSeconds(3)).build();
        assertEquals(0, timed.events());
        assertEquals(Duration.ofSeconds(3), timed.duration());
    }

    @Test
    void buildValidates() {
        IllegalArgumentException noTarget = assertThrows(
                IllegalArgumentException.class,
                () -> LoadOptions.builder(URL, SECRET).build());
        assertEquals("give either a duration or a number of events, not both", noTarget.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadOptions.builder(URL, SECRET).events(1).batching(0, 1).build());
    }
}
