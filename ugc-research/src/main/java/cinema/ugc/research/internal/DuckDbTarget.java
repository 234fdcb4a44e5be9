package cinema.ugc.research.internal;

import cinema.ugc.research.StoreTarget;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Embedded DuckDB: one database file per namespace in a work directory. */
public final class DuckDbTarget implements StoreTarget {
    private final Path dir;

    public DuckDbTarget(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public EventStore open(String namespace) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EventStores.open(StoreSettings.duckdb(file(namespace)));
    }

    @Override
    public long footprintBytes(String namespace) {
        return size(file(namespace)) + size(wal(namespace));
    }

    @Override
    public String footprintMethod() {
        return "size of the database file plus its WAL, after the store was closed (DuckDB checkpoints on close)";
    }

    @Override
    public void drop(String namespace) {
        try {
            Files.deleteIfExists(file(namespace));
            Files.deleteIfExists(wal(namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {}

    private Path file(String namespace) {
        return dir.resolve(namespace + ".duckdb");
    }

    private Path wal(String namespace) {
        return dir.resolve(namespace + ".duckdb.wal");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
