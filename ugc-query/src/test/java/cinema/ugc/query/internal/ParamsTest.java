package cinema.ugc.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.model.Action;
import cinema.ugc.web.HttpProblem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void limitFallsBackWhenAbsentAndRejectsOutOfRangeNamingTheParameter() {
        assertEquals(50, Params.limit("limit", null, 50, 1, 500));
        assertEquals(7, Params.limit("limit", "7", 50, 1, 500));
        for (String bad : new String[] {"0", "501", "-3", "ten", "1.5", "99999999999"}) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> Params.limit("limit", bad, 50, 1, 500));
            assertEquals(400, p.status());
            assertEquals("limit", p.extensions().get("parameter"));
            assertTrue(p.detail().startsWith("limit "), p.detail());
        }
    }

    @Test
    void instantsNeedAnOffset() {
        assertEquals(Instant.parse("2024-02-01T05:40:00Z"), Params.instant("from", "2024-02-01T08:40:00+03:00", null));
        HttpProblem p = assertThrows(HttpProblem.class, () -> Params.instant("from", "2024-02-01T08:40:00", null));
        assertEquals("from", p.extensions().get("parameter"));
    }

    @Test
    void actionsInAnyCaseAndUnknownOnesListTheAllowed() {
        assertEquals(Action.FILM_FINISHED, Params.action("action", "film_finished", Action.VIEW));
        assertEquals(Action.VIEW, Params.action("action", null, Action.VIEW));
        HttpProblem p = assertThrows(HttpProblem.class, () -> Params.action("action", "LIKE", Action.VIEW));
        assertTrue(p.detail().contains("FILM_PROGRESS"), p.detail());
    }

    @Test
    void rangeMustBeOrderedAndBounded() {
        Instant to = Instant.parse("2024-02-01T00:00:00Z");
        Params.range(to.minus(Duration.ofDays(31)), to, Duration.ofDays(31));
        assertThrows(HttpProblem.class, () -> Params.range(to, to, Duration.ofDays(31)));
        assertThrows(HttpProblem.class, () -> Params.range(to.minus(Duration.ofDays(32)), to, Duration.ofDays(31)));
    }

    @Test
    void filmIdsAreBoundedByTheContract() {
        assertEquals("tt01", Params.filmId("film_id", "tt01"));
        assertThrows(HttpProblem.class, () -> Params.filmId("film_id", " "));
        assertThrows(HttpProblem.class, () -> Params.filmId("film_id", "x".repeat(129)));
    }
}
