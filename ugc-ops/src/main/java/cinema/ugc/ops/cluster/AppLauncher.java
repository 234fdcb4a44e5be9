package cinema.ugc.ops.cluster;

import java.util.List;

/**
 * How to start an API or ETL instance as a process; supplied by the application (this module cannot see its main
 * class). Each instance gets its settings as environment variables from {@link LocalCluster}.
 */
@FunctionalInterface
public interface AppLauncher {

    /** @param role {@code api} or {@code etl} */
    List<String> command(String role);
}
