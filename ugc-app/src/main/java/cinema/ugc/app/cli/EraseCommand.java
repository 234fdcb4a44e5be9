package cinema.ugc.app.cli;

import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.kafka.erasure.ErasureJournal;
import cinema.ugc.kafka.erasure.ErasureRequest;
import cinema.ugc.kafka.erasure.ErasureStatus;
import cinema.ugc.kafka.erasure.ErasureTopics;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ugc erase --user ID}: records an erasure of a user's history straight in Kafka, for operators without a
 * token at hand — the same record {@code DELETE /api/v1/users/{id}/events} writes; the ETL applies it.
 */
@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description = {
            "Records the erasure of a user's history (every event received until now) in Kafka's "
                    + "ugc.erasures topic; running ETLs delete the stored rows. Prints the erasure id. Needs "
                    + "UGC_KAFKA_BOOTSTRAP (or --kafka-bootstrap): the broker of the running service.",
            "See docs/privacy.md."
        })
public final class EraseCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--user", required = true, description = "The user id (the tokens' sub) whose history to erase.")
    String user;

    @Option(
            names = "--requester",
            defaultValue = "operator",
            description = "Who asked, kept in the audit record (default ${DEFAULT-VALUE}).")
    String requester;

    @Option(names = "--kafka-bootstrap", description = "Kafka bootstrap servers (UGC_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Override
    public Integer call() {
        try {
            String servers = bootstrap != null
                    ? bootstrap
                    : KafkaSettings.from(Env.system())
                            .bootstrap()
                            .orElseThrow(() ->
                                    new ConfigException("UGC_KAFKA_BOOTSTRAP is empty: give the running service's "
                                            + "broker, e.g. --kafka-bootstrap localhost:9092"));
            if (user.isBlank() || !user.strip().equals(user)) {
                throw new ConfigException("--user must not be blank or carry surrounding spaces");
            }
            ErasureTopics.ensure(servers, KafkaSettings.from(Env.system()), TIMEOUT);
            ErasureRequest request =
                    ErasureRequest.now(user, requester, Clock.systemUTC().instant());
            try (ErasureJournal journal = new ErasureJournal(servers, TIMEOUT)) {
                journal.record(ErasureStatus.pending(
                        request, "waiting for the ETL to delete the stored rows", request.requestedAt()));
                journal.record(request);
            }
            System.out.println(request.erasureId());
            return 0;
        } catch (ConfigException e) {
            System.err.println("ugc erase: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("ugc erase: the erasure was not recorded: " + e.getMessage());
            return 1;
        }
    }
}
