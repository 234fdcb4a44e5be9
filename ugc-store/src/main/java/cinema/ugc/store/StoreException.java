package cinema.ugc.store;

/**
 * A store failure. Retriable ones (connection refused, timeouts, server overloaded) may succeed when the same batch
 * is written again; fatal ones (schema mismatch, authentication, rejected data) will not.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retriable;

    public StoreException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public static StoreException retriable(String message, Throwable cause) {
        return new StoreException(message, true, cause);
    }

    public static StoreException fatal(String message, Throwable cause) {
        return new StoreException(message, false, cause);
    }

    public boolean retriable() {
        return retriable;
    }
}
