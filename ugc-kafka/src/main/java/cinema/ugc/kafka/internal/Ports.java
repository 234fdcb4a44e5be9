package cinema.ugc.kafka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Free loopback ports, and the ports a data directory used last time (a restart should keep them). */
public final class Ports {
    private static final String FILE = "embedded-ports.properties";

    private Ports() {
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
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
