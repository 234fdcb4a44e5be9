package cinema.ugc.research;

import cinema.ugc.model.Event;
import java.time.Instant;
import java.util.Iterator;

/**
 * A deterministic stream of events: the same seed and size give the same events, in the same order, on every run
 * and every machine — so each store receives exactly the same rows and every query has one right answer.
 */
public interface DataSet {

    /** A fresh iterator over the first {@code rows} events of the data set. */
    Iterator<Event> events(long rows);

    /** Start of the time window the events fall in (inclusive). */
    Instant from();

    /** End of the time window (exclusive); every event time is before it. */
    Instant to();

    /** A short description for the report (model, seed, sizes). */
    String describe();
}
