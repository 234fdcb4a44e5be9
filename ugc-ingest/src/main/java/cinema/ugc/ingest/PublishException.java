package cinema.ugc.ingest;

/**
 * Kafka did not acknowledge every record of a request in bounded time (broker down, timeout, full buffer). Retriable:
 * the client should send the same events again (same {@code event_id}s) after Retry-After.
 */
public final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
