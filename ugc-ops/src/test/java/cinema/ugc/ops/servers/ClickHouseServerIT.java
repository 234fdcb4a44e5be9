package cinema.ugc.ops.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseServerIT {
    @TempDir
    Path tmp;

    @Test
    void startsStopsAndRestartsWithItsData() {
        try (ClickHouseServer ch = ClickHouseServer.start(tmp)) {
            ch.sql("CREATE TABLE t (x UInt32) ENGINE = MergeTree ORDER BY x");
            ch.sql("INSERT INTO t VALUES (1), (2)");
            ch.stop();
            assertFalse(ch.ping());
            ch.restart();
            assertEquals("2\n", ch.sql("SELECT count() FROM t"));
            ch.kill();
            assertFalse(ch.running());
            ch.restart();
            assertTrue(ch.ping());
            assertEquals("2\n", ch.sql("SELECT count() FROM t"));
        }
    }
}
