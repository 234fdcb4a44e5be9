package cinema.ugc.web;

import cinema.ugc.model.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HS256 secret of a local installation that configured none: 32 random bytes generated on first use and kept in a
 * file readable by its owner only ({@code <data dir>/jwt-secret}), so {@code ./ugc run}, {@code ./ugc api},
 * {@code ./ugc token} and {@code ./ugc load} on the same data directory agree on it, and restarts keep it — while no
 * two installations share one, and nothing published can sign a token for it.
 */
public final class LocalSecret {
    public static final String FILE_NAME = "jwt-secret";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int RANDOM_BYTES = 32;

    private LocalSecret() {}

    /** The secret kept in {@code file}, created (owner read/write only) with a fresh random value when absent. */
    public static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (secret.getBytes(StandardCharsets.US_ASCII).length < JwtSettings.MIN_SECRET_BYTES) {
                throw new ConfigException("the generated JWT secret in " + file + " is shorter than "
                        + JwtSettings.MIN_SECRET_BYTES + " bytes; delete the file to generate a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the local JWT secret " + file + " (" + e.getMessage()
                    + "); set UGC_JWT_SECRET or make the data directory writable");
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
        Path temp = Files.createTempFile(dir, ".jwt-secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temp, secret, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            // A link, not a move: of two processes starting at once, one secret wins and both read that one.
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
