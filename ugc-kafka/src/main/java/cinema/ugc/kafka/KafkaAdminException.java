package cinema.ugc.kafka;

/** A topic could not be created or inspected; the message names the topic and the reason. */
public class KafkaAdminException extends RuntimeException {
    public KafkaAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
