package cinema.ugc.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpProxyTest {
    private ServerSocket echo;
    private final AtomicInteger echoAccepts = new AtomicInteger();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    echoAccepts.incrementAndGet();
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
     * Whether a new connection to {@code port} ends up at the echo server. "Connection refused" is the usual answer
     * while cut, but not the only honest one: the freed port is in the ephemeral range, so another process (or, rarely,
     * a TCP self-connect) may hold it for a moment — CI once saw a connect succeed there. What must never happen is the
     * proxy forwarding it.
     */
    private boolean reachesTheTargetThrough(int port) {
        int before = echoAccepts.get();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1_000);
            s.getOutputStream().write(9);
            s.getInputStream().read();
        } catch (IOException e) {
            // refused, reset or silent: not forwarded
        }
        return echoAccepts.get() != before;
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

    private static void echoLoop(Socket s) {
        try (s) {
            s.getInputStream().transferTo(s.getOutputStream());
        } catch (IOException e) {
            // client went away
        }
    }
}
