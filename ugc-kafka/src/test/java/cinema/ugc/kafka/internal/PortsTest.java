package cinema.ugc.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeAndDoNotRepeat() throws IOException {
        int ephemeralLow = Ports.ephemeralLow();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertTrue(port >= 10_000 && port < ephemeralLow, port + " is outside [10000, " + ephemeralLow + ")");
            assertTrue(seen.add(port), port + " handed out twice");
        }
        int port = Ports.free();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort(), "the port can be bound");
            assertFalse(Ports.isFree(port), "a listening port is not free");
        }
        assertTrue(Ports.isFree(port));
    }
}
