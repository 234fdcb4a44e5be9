package cinema.ugc.store.clickhouse;

import cinema.ugc.store.StoreException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that classifies ClickHouse failures. Retriable: the server unreachable or timing out (connection
 * refused/reset, socket timeouts) and server errors that mean "busy, try later". Fatal: everything the same request
 * would hit again — syntax, unknown table/column, authentication, data the server cannot parse.
 */
final class ClickHouseErrors {
    /** Server error codes that mean overload or a transient condition (see ClickHouse's ErrorCodes.cpp). */
    private static final Set<Integer> RETRIABLE_CODES = Set.of(
            159, // TIMEOUT_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
            319, // UNKNOWN_STATUS_OF_INSERT
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            439, // CANNOT_SCHEDULE_TASK
            999); // KEEPER_EXCEPTION

    private ClickHouseErrors() {}

    static StoreException classify(String what, Throwable failure) {
        Throwable t = unwrap(failure);
        String message = "ClickHouse " + what + ": " + t.getClass().getSimpleName() + ": " + t.getMessage();
        return retriable(t) ? StoreException.retriable(message, t) : StoreException.fatal(message, t);
    }

    static boolean retriable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ServerException se) {
                return RETRIABLE_CODES.contains(se.getCode());
            }
            if (c instanceof IOException
                    || c instanceof TimeoutException
                    || c instanceof ConnectionInitiationException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
