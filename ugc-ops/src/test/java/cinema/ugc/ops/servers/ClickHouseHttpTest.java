package cinema.ugc.ops.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Over real sockets: a connection closed before any answer is retried once, and only once. */
class ClickHouseHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aConnectionClosedBeforeAnsweringIsRetriedOnANewOne() throws Exception {
        try (ScriptedServer server = new ScriptedServer(1)) {
            String body = new ClickHouseHttp("http://127.0.0.1:" + server.port()).execute("SELECT 1", TIMEOUT);

            assertEquals("1\n", body);
            assertEquals(2, server.requests.get(), "the dropped request and its retry");
        }
    }

    @Test
    void aServerThatKeepsClosingFailsAfterOneRetry() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Integer.MAX_VALUE)) {
            ClickHouseHttp http = new ClickHouseHttp("http://127.0.0.1:" + server.port());

            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.execute("SELECT 1", TIMEOUT));

            assertTrue(e.getMessage().contains("unreachable for SELECT 1"), e.getMessage());
            assertEquals(2, server.requests.get(), "one retry, no more");
        }
    }

    /** Reads each request; closes the first {@code drops} connections without a byte, answers the rest "1". */
    private static final class ScriptedServer implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread loop;

        ScriptedServer(int drops) throws IOException {
            loop = new Thread(() -> serve(drops), "scripted-clickhouse");
            loop.setDaemon(true);
            loop.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(int drops) {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    readHeadersAndBody(s.getInputStream());
                    if (requests.incrementAndGet() > drops) {
                        s.getOutputStream()
                                .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n1\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void readHeadersAndBody(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            int at = lower.indexOf("content-length:");
            if (at >= 0) {
                int length = Integer.parseInt(
                        lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
                in.readNBytes(length);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
