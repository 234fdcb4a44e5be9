package cinema.ugc.store;

import java.time.Instant;
import java.util.Map;

/**
 * Removes stored events for privacy: a user's history on request (erasure) and everything older than the retention
 * period. Both are idempotent — running one again, or from two processes at once, removes nothing more — and return
 * only once the rows are gone from every query. Failures are {@link StoreException}s.
 */
public interface EventEraser {

    /**
     * Deletes, for each user, every event received at or before that user's instant — many users in one statement,
     * because on ClickHouse each statement is a mutation that rewrites whole parts.
     *
     * @return the number of distinct events removed per user (users with none may be missing)
     */
    Map<String, Long> erase(Map<String, Instant> receivedUpTo);

    /**
     * Removes events whose {@code event_time} is before {@code cutoff}. ClickHouse drops only whole months that end
     * before the cutoff (a partition drop rewrites nothing), so it may keep up to a month more than asked.
     *
     * @return the rows removed (on ClickHouse: rows of the dropped parts, copies included)
     */
    long removeOlderThan(Instant cutoff);
}
