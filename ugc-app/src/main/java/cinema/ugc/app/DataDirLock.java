package cinema.ugc.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock on {@code <data dir>/.lock}, held while a pipeline uses the data directory: a second
 * {@code ./ugc run} on the same directory stops with a clear message instead of opening the same Kafka log and
 * DuckDB file twice. The OS releases the lock when the process dies, so a crash never leaves a stale lock behind.
 */
public final class DataDirLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DataDirBusyException when another process (or this one) holds the lock */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(".lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new DataDirBusyException("data directory " + dataDir.toAbsolutePath() + " is in use by another "
                        + "ugc process" + holder + "; stop it first, or point UGC_DATA_DIR at another directory");
            }
            writeHolder(channel);
            return new DataDirLock(file, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }

    /** The data directory is locked by another running process. */
    public static final class DataDirBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DataDirBusyException(String message) {
            super(message);
        }
    }
}
