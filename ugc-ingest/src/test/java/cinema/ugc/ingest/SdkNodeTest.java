package cinema.ugc.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the SDK's unit tests (src/test/js, node:test: batching, back-off, Retry-After, 400 by index, 401, the offline
 * queue, beacons, the player helper) with Node.js when it is installed; skipped with a message where it is not —
 * the product never needs node, only these tests do.
 */
class SdkNodeTest {

    @Test
    void theSdkUnitTestsPassUnderNode() throws Exception {
        assumeTrue(nodeVersion() != null, "node is not installed: the SDK's node:test suite (src/test/js) is skipped");
        Path log = Files.createTempFile("ugc-sdk-node-test", ".txt");
        try {
            Process node = new ProcessBuilder("node", "--test", "src/test/js/")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish in 120 s");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Node 18+ has node:test; older or absent is treated alike. */
    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = p.waitFor(10, TimeUnit.SECONDS);
            return done && p.exitValue() == 0 && version.matches("v(1[89]|[2-9]\\d)\\..*") ? version : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
