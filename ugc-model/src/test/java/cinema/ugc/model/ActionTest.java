package cinema.ugc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionTest {
    @Test
    void parsesEveryActionInAnyCaseAndIgnoresSurroundingBlanks() {
        for (Action a : Action.values()) {
            assertEquals(Optional.of(a), Action.parse(a.name()));
            assertEquals(Optional.of(a), Action.parse(a.name().toLowerCase(java.util.Locale.ROOT)));
            assertEquals(
                    Optional.of(a),
                    Action.parse(" " + a.name().charAt(0)
                            + a.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "\t"));
        }
    }

    @Test
    void anythingElseIsEmpty() {
        for (String text : new String[] {null, "", " ", "DANCE", "FILM PROGRESS", "FILM_PROGRESS_", "CLİCK"}) {
            assertEquals(Optional.empty(), Action.parse(text), String.valueOf(text));
        }
    }
}
