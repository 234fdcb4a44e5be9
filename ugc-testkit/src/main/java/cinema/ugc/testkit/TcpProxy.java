package cinema.ugc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a loopback port to another one, and can cut the line like a failed network: {@link #cut()} drops every
 * open connection and refuses new ones; {@link #restore()} listens again on the same port. Fault tests put it between
 * a client and a server (Kafka, ClickHouse, PostgreSQL) to test what happens when the server becomes unreachable
 * without killing it.
 *
 * <p>Blocking I/O, two threads per connection: plenty for tests, not meant for load.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private ServerSocket listener;
    private Thread acceptor;

    private TcpProxy(int listenPort, int targetPort) {
        this.port = listenPort;
        this.targetPort = targetPort;
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy start(int targetPort) {
        return start(0, targetPort);
    }

    public static TcpProxy start(int listenPort, int targetPort) {
        TcpProxy proxy = new TcpProxy(listenPort, targetPort);
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    public int targetPort() {
        return targetPort;
    }

    /** Drops all connections and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        // A thread blocked in accept() keeps the kernel socket listening until it wakes, and may still take a
        // connection in that window (a fresh-clone CI run saw one forwarded after cut()): wait for it to end, then
        // drop whatever it connected.
        if (acceptor != null) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            acceptor = null;
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port as before. */
    public synchronized void restore() {
        if (listener == null) {
            listen();
        }
    }

    public synchronized boolean isCut() {
        return listener == null;
    }

    @Override
    public void close() {
        cut();
    }

    private synchronized void listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = s.getLocalPort();
            listener = s;
            acceptor = daemon("tcp-proxy-accept-" + port, () -> acceptLoop(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                connect(s.accept());
            } catch (IOException e) {
                return; // closed by cut()
            }
        }
    }

    private void connect(Socket client) {
        Socket server;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
            closeQuietly(client); // target down: the client sees the connection close, as it would
            return;
        }
        open.add(client);
        open.add(server);
        daemon("tcp-proxy-up-" + port, () -> pump(client, server));
        daemon("tcp-proxy-down-" + port, () -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was cut; closing both below ends the other direction too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
