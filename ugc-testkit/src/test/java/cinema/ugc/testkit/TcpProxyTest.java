package cinema.ugc.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
    private ServerSocket echo;
    /** What each of the echo server's connections received so far (recorded before it is echoed). */
    private final Queue<ByteArrayOutputStream> echoReceived = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    new Thread(() -> echoLoop(s)).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stopEchoServer() throws IOException {
        echo.close();
    }

    @Test
    void forwardsCutsAndRestoresOnTheSamePort() throws IOException {
        try (TcpProxy proxy = TcpProxy.start(echo.getLocalPort())) {
            int port = proxy.port();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(s, new byte[] {1, 2, 3}));
                proxy.cut();
                assertTrue(proxy.isCut());
                assertEquals(-1, readAfterCut(s), "an open connection is dropped");
            }
            assertFalse(reachesTheTargetThrough(port), "a cut proxy must not forward a new connection");
            proxy.restore();
            assertEquals(port, proxy.port());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertArrayEquals(new byte[] {4}, roundTrip(s, new byte[] {4}));
            }
        }
    }

    /**
     * Whether a new connection to {@code port} delivers a random token to the echo server. "Connection refused" is the
     * usual answer while cut, but not the only honest one: the freed port is in the ephemeral range, so another process
     * may hold it for a moment, or the connect may be a TCP self-connect that echoes by itself; and a count of the
     * echo server's accepts can be moved by any stray connection to its ephemeral port (CI saw both). What must never
     * happen is the proxy forwarding: the echo server receiving this token.
     */
    private boolean reachesTheTargetThrough(int port) throws IOException {
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1_000);
            s.getOutputStream().write(token);
            s.getInputStream().readNBytes(token.length);
        } catch (IOException e) {
            // refused, reset or silent: not forwarded
        }
        return echoReceived.stream().anyMatch(received -> contains(received.toByteArray(), token));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static int readAfterCut(Socket s) {
        try {
            s.setSoTimeout(10_000);
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1; // reset by peer counts as dropped too
        }
    }

    private static byte[] roundTrip(Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        byte[] back = new byte[data.length];
        new DataInputStream(s.getInputStream()).readFully(back);
        return back;
    }

    private void echoLoop(Socket s) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        echoReceived.add(received);
        try (s) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = s.getInputStream().read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                s.getOutputStream().write(buffer, 0, n);
            }
        } catch (IOException e) {
            // client went away
        }
    }
}
