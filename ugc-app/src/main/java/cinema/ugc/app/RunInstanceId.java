package cinema.ugc.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Kafka static membership id of {@code ./ugc run}'s ETL when UGC_ETL_INSTANCE_ID is not set: generated once and
 * kept in {@code <data dir>/etl-instance-id}, so a restart on the same data directory rejoins the group as the same
 * members and takes their partitions back at once, while two data directories — even at the same path on two hosts
 * sharing an external broker — never share an id (two live members with one id fence each other). Read under the
 * data directory's lock, so no two processes write it at once.
 */
public final class RunInstanceId {
    static final String FILE = "etl-instance-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private RunInstanceId() {}

    /** The data directory's id, created on first use. */
    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (VALID.matcher(id).matches()) {
                    return id;
                }
            }
            String id = "ugc-run-" + UUID.randomUUID();
            Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
            Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the ETL's instance id in " + file, e);
        }
    }
}
