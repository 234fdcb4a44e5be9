package cinema.ugc.kafka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports for servers this project starts itself (embedded Kafka, and every server the tests start), and the ports
 * a data directory used last time (a restart should keep them).
 */
public final class Ports {
    private static final String FILE = "embedded-ports.properties";
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    /** Where this JVM looks next: a random start, so that several JVMs picking at once rarely meet. */
    private static final AtomicInteger CURSOR =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

    private Ports() {}

    /**
     * A port free right now, below the kernel's ephemeral range. A port from that range (binding port 0) can be given
     * by the kernel to any outgoing connection before its server binds it: a cluster test's API died on "Address
     * already in use" that way, its port taken by one of the many client connections of the other nodes starting.
     * Successive calls in one JVM never repeat a port until the range wraps. Falls back to an ephemeral port when no
     * port below the range is free.
     */
    public static int free() {
        int top = ephemeralLow();
        if (top - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = LOWEST + Math.floorMod(CURSOR.getAndIncrement(), top - LOWEST);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Whether nothing listens on the port, on any address (a server bound to all addresses blocks loopback too). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range; 32768 (its default) where it cannot be read. */
    static int ephemeralLow() {
        // a reader, not Files.readString: on this kernel that returned only the first byte of this /proc file
        try (java.io.BufferedReader in = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** The port remembered under {@code key} in the data dir if still free, else {@code fallback}. */
    public static int remembered(Path dataDir, String key, int fallback) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return fallback;
        }
        String value = StorageFormat.load(file).getProperty(key);
        if (value == null) {
            return fallback;
        }
        int port = Integer.parseInt(value);
        return isFree(port) ? port : fallback;
    }

    public static void remember(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("controller.port", Integer.toString(controllerPort));
        StorageFormat.store(dataDir.resolve(FILE), p);
    }
}
