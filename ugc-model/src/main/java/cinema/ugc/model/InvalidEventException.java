package cinema.ugc.model;

import java.util.List;

/** An event that breaks the contract. Never retriable: the same bytes will fail again. */
public final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(String.join("; ", violations.stream().map(Violation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
