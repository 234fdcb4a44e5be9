package cinema.ugc.model;

/** One broken rule of the event contract: which field, and why, in words a client developer can act on. */
public record Violation(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
