package cinema.ugc.research;

/** Two stores answered the same query over the same rows differently — the comparison would be meaningless. */
public final class CrossCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrossCheckException(String message) {
        super(message);
    }
}
