package cinema.ugc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.app.RunBanner;
import cinema.ugc.app.RunSettings;
import cinema.ugc.app.Service;
import cinema.ugc.model.config.Env;
import cinema.ugc.web.TokenIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh {@code ./ugc run} assembly with no JWT secret or key configured: it generates its own secret into the data
 * directory, the banner's token works, a token signed with the secret the project once published is a 401, the port
 * answers on loopback only, and a restart on the same directory keeps the secret (the first run's token still works).
 */
class SecureByDefaultIT {
    /** The development secret the project once published in its source and README: nothing may accept it. */
    private static final String FORMERLY_PUBLISHED = "ugc-local-development-secret-NOT-FOR-PRODUCTION-0001";

    private static final Pattern BANNER_TOKEN = Pattern.compile("export UGC_TOKEN=(\\S+)");

    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** As a user runs it: nothing about authentication or the host is configured. */
    private RunSettings freshSettings() {
        return RunSettings.from(Env.of(Map.of(
                "UGC_DATA_DIR",
                dataDir.toString(),
                "UGC_HTTP_PORT",
                "0",
                "UGC_KAFKA_PORT",
                "0",
                "UGC_KAFKA_PARTITIONS",
                "2")));
    }

    @Test
    void generatedSecretLoopbackOnlyAndKeptAcrossARestart() throws Exception {
        String bannerToken;
        try (Service run = TestPipelines.start(freshSettings())) {
            assertEquals("127.0.0.1", run.settings().web().host());
            bannerToken = tokenIn(RunBanner.text(run, Duration.ofSeconds(1)));
            assertEquals(200, overview(run.httpPort(), bannerToken).statusCode(), "the banner's token works");
            String old = new TokenIssuer(FORMERLY_PUBLISHED, "roles", Clock.systemUTC())
                    .issue("dev-analyst", Duration.ofHours(1), List.of("analyst"));
            assertEquals(401, overview(run.httpPort(), old).statusCode(), "the published secret is worthless");
            assertNotReachableBeyondLoopback(run.httpPort());
        }
        Path secret = dataDir.resolve("jwt-secret");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret));
        try (Service again = TestPipelines.start(freshSettings())) {
            assertEquals(200, overview(again.httpPort(), bannerToken).statusCode(), "a restart keeps the secret");
        }
    }

    private static String tokenIn(String banner) {
        Matcher m = BANNER_TOKEN.matcher(banner);
        assertTrue(m.find(), banner);
        assertTrue(banner.contains("http://127.0.0.1:"), banner);
        return m.group(1);
    }

    private HttpResponse<String> overview(int port, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stats/overview"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNotReachableBeyondLoopback(int port) throws IOException {
        Optional<InetAddress> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address to try");
        try (ServerSocket control = new ServerSocket(0, 1, null);
                Socket probe = new Socket()) {
            // The check can fail: a port bound to every interface does answer on that address.
            probe.connect(new InetSocketAddress(external.get(), control.getLocalPort()), 3000);
        }
        try (Socket probe = new Socket()) {
            assertThrows(
                    IOException.class,
                    () -> probe.connect(new InetSocketAddress(external.get(), port), 3000),
                    "port " + port + " must not answer on " + external.get());
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
