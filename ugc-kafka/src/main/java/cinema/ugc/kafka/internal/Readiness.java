package cinema.ugc.kafka.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/** Waits until a broker answers metadata requests — the only reliable readiness signal (it may log nothing). */
public final class Readiness {
    private Readiness() {}

    public static void await(String bootstrap, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000))) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.listTopics(new ListTopicsOptions().timeoutMs(3000))
                            .names()
                            .get(4, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for Kafka at " + bootstrap, e);
                } catch (Exception e) {
                    last = e;
                    pause();
                }
            }
        }
        throw new IllegalStateException(
                "Kafka at " + bootstrap + " did not answer within " + timeout + (last != null ? ": " + last : ""),
                last);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
