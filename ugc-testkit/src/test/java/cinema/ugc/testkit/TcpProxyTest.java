package cinema.ugc.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpProxyTest {
    private ServerSocket echo;

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
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            proxy.restore();
            assertEquals(port, proxy.port());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertArrayEquals(new byte[] {4}, roundTrip(s, new byte[] {4}));
            }
        }
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
