package cinema.ugc.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void aLockedDirectoryIsRefusedWithTheHoldersPidUntilReleased(@TempDir Path dir) {
        DataDirLock first = DataDirLock.acquire(dir.resolve("data"));
        DataDirLock.DataDirBusyException busy =
                assertThrows(DataDirLock.DataDirBusyException.class, () -> DataDirLock.acquire(dir.resolve("data")));
        assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
        assertTrue(busy.getMessage().contains("UGC_DATA_DIR"), busy.getMessage());
        first.close();
        DataDirLock.acquire(dir.resolve("data")).close();
    }
}
