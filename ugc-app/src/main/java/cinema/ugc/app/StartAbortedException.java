package cinema.ugc.app;

/**
 * The service was closed while it started (a SIGTERM or Ctrl-C during start-up): the steps not begun were not started,
 * and the ones that had started were stopped in reverse.
 */
public final class StartAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartAbortedException(String message) {
        super(message);
    }
}
