package cinema.ugc.docs;

/** A diagram source that PlantUML cannot render; the message names the file, the line and PlantUML's reason. */
public final class DiagramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiagramException(String message) {
        super(message);
    }
}
