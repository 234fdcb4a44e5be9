package cinema.ugc.query.internal;

import cinema.ugc.store.EventQueries;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/v1/stats/films/{film_id}}, composed of the store's queries.
 *
 * <p>Average watched share: the contract carries no film length, so each viewer's watched time (the sum of
 * {@code end_time − start_time} over their FILM_PROGRESS events of the film) is divided by the longest watched time
 * of any viewer of that film, and the quotients are averaged over the viewers with progress. It is therefore in
 * [0, 1], equals 1 when everybody watched as much as the most-watching viewer, and is absent without progress events.
 * The raw average watched time in seconds is returned beside it.
 */
public final class FilmStats {
    private FilmStats() {}

    public static JsonObject read(EventQueries queries, String filmId) {
        EventQueries.FilmWatching watching = queries.filmWatching(filmId);
        return new JsonObject()
                .put("film_id", filmId)
                .put("views", watching.views())
                .put("distinct_viewers", queries.distinctViewers(filmId))
                .put("viewers_with_progress", watching.viewersWithProgress())
                .put("completion_rate", queries.completionRate(filmId).orElse(null))
                .put("average_watched_seconds", averageSeconds(watching))
                .put("average_watched_share", share(watching));
    }

    private static Double averageSeconds(EventQueries.FilmWatching w) {
        return w.viewersWithProgress() == 0 ? null : w.watchedMillisTotal() / 1000.0 / w.viewersWithProgress();
    }

    private static Double share(EventQueries.FilmWatching w) {
        if (w.viewersWithProgress() == 0) {
            return null;
        }
        return w.watchedMillisMax() <= 0
                ? 0.0
                : (double) w.watchedMillisTotal() / w.viewersWithProgress() / w.watchedMillisMax();
    }
}
