package cinema.ugc.etl.internal;

/** The dead-letter topic did not acknowledge a record; retriable like a store outage. */
public final class DeadLetterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }
}
