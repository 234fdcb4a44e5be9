package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's static membership id: stable for one data directory, distinct for two, kept in a file. */
class RunInstanceIdTest {

    @Test
    void stableAcrossRestartsAndDistinctPerDataDirectory(@TempDir Path tmp) throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Path two = Files.createDirectories(tmp.resolve("two"));
        String first = RunInstanceId.of(one);
        assertTrue(first.startsWith("ugc-run-"), first);
        assertEquals(first, RunInstanceId.of(one), "the same data directory keeps its id");
        assertEquals(first, Files.readString(one.resolve(RunInstanceId.FILE)).trim());
        assertNotEquals(first, RunInstanceId.of(two), "another data directory gets its own");
    }

    @Test
    void anUnreadableIdIsReplaced(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(RunInstanceId.FILE), "not an id: spaces and a colon\n");
        String id = RunInstanceId.of(tmp);
        assertTrue(id.startsWith("ugc-run-"), id);
        assertEquals(id, RunInstanceId.of(tmp));
    }
}
