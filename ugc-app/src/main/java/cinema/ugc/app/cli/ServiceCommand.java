package cinema.ugc.app.cli;

import cinema.ugc.app.DataDirLock;
import cinema.ugc.app.Roles;
import cinema.ugc.app.RunSettings;
import cinema.ugc.app.Service;
import cinema.ugc.app.StartAbortedException;
import cinema.ugc.kafka.KafkaSettings;
import cinema.ugc.model.config.ConfigException;
import cinema.ugc.model.config.Env;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@code ./ugc run}, {@code api} and {@code etl} share: choose the roles, start the {@link Service}, print the
 * banner, stop on Ctrl-C / SIGTERM (during start-up too). Exit codes: 0 after a stop, 1 when the ETL stopped on a fatal
 * failure, 2 on a setting error or a data directory in use; after a signal the JVM's (143 for SIGTERM).
 */
final class ServiceCommand {
    private ServiceCommand() {}

    /**
     * @param banner what to print once started, given the service and its start-up time; null prints nothing
     */
    static int serve(
            String command,
            Env env,
            Function<KafkaSettings, Roles> roles,
            BiFunction<Service, Duration, String> banner) {
        long begin = System.nanoTime();
        Service service;
        try {
            Roles chosen = roles.apply(KafkaSettings.from(env));
            service = Service.create(RunSettings.from(env, chosen), chosen);
        } catch (ConfigException e) {
            System.err.println("ugc " + command + ": " + e.getMessage());
            return 2;
        }
        // Before the first step: a SIGTERM during start-up stops what has started, in reverse, and starts no more.
        Thread hook = new Thread(service::close, "ugc-" + command + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (StartAbortedException e) {
            return 1; // the JVM is shutting down: its exit status is the signal's
        } catch (ConfigException | DataDirLock.DataDirBusyException e) {
            removeHook(hook);
            System.err.println("ugc " + command + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException | Error e) {
            removeHook(hook);
            throw e;
        }
        String text = banner.apply(service, Duration.ofNanos(System.nanoTime() - begin));
        if (text != null) {
            System.out.println(text);
        }
        return await(command, service);
    }

    /** A start that failed has stopped everything already; the hook would only hold on to the service. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs, and finds nothing left to stop
        }
    }

    /** Returns when the service ends: after Ctrl-C (the shutdown hook closes it) or on the ETL's fatal failure. */
    private static int await(String command, Service service) {
        try {
            service.termination().get();
            return 0;
        } catch (ExecutionException e) {
            System.err.println("ugc " + command + ": the ETL stopped on a fatal error: "
                    + e.getCause().getMessage());
            service.close();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
