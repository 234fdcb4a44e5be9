package cinema.ugc.store;

import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.internal.Ratios;
import cinema.ugc.store.internal.Rolling;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The queries' meaning written plainly over a list in consumption order (the first copy of an identity, user_id and
 * event_id, wins): the tests' oracle.
 */
public final class ReferenceQueries implements EventQueries {
    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::eventTime)
            .thenComparing(e -> e.eventId().toString())
            .reversed();

    private final List<Event> events;

    public ReferenceQueries(List<StoredEvent> written) {
        Map<Object, Event> first = new LinkedHashMap<>();
        written.forEach(
                se -> first.putIfAbsent(List.of(se.event().userId(), se.event().eventId()), se.event()));
        this.events = List.copyOf(first.values());
    }

    @Override
    public long countEvents() {
        return events.size();
    }

    @Override
    public List<Count> eventsByAction(Instant from, Instant to) {
        return counts(in(from, to), e -> e.action().name(), Integer.MAX_VALUE);
    }

    @Override
    public List<Count> topFilms(Action action, Instant from, Instant to, int limit) {
        return counts(in(from, to).filter(e -> e.action() == action && e.filmId() != null), Event::filmId, limit);
    }

    @Override
    public Optional<WatchPosition> resumePosition(String userId, String filmId) {
        return events.stream()
                .filter(e ->
                        e.userId().equals(userId) && filmId.equals(e.filmId()) && e.action() == Action.FILM_PROGRESS)
                .min(NEWEST_FIRST)
                .map(e -> new WatchPosition(e.filmId(), e.startTime(), e.endTime(), e.eventTime()));
    }

    @Override
    public long distinctViewers(String filmId) {
        return users(
                e -> filmId.equals(e.filmId()) && (e.action() == Action.VIEW || e.action() == Action.FILM_PROGRESS));
    }

    @Override
    public List<TimeCount> eventsPerHour(Instant from, Instant to) {
        return buckets(from, to, ChronoUnit.HOURS);
    }

    @Override
    public List<TimeCount> eventsPerMinute(Instant from, Instant to) {
        return buckets(from, to, ChronoUnit.MINUTES);
    }

    @Override
    public List<ActionTimeCount> eventsPerMinuteByAction(Instant from, Instant to) {
        return in(from, to)
                .collect(Collectors.groupingBy(
                        e -> Map.entry(
                                e.eventTime().truncatedTo(ChronoUnit.MINUTES),
                                e.action().name()),
                        Collectors.counting()))
                .entrySet()
                .stream()
                .map(x -> new ActionTimeCount(x.getKey().getKey(), x.getKey().getValue(), x.getValue()))
                .sorted(Comparator.comparing(ActionTimeCount::time).thenComparing(ActionTimeCount::action))
                .toList();
    }

    @Override
    public FilmWatching filmWatching(String filmId) {
        long views = events.stream()
                .filter(e -> filmId.equals(e.filmId()) && e.action() == Action.VIEW)
                .count();
        Map<String, Long> watched = events.stream()
                .filter(e -> filmId.equals(e.filmId()) && e.action() == Action.FILM_PROGRESS)
                .collect(Collectors.groupingBy(Event::userId, Collectors.summingLong(ReferenceQueries::watchedMillis)));
        return new FilmWatching(
                views,
                watched.size(),
                watched.values().stream().mapToLong(Long::longValue).sum(),
                watched.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static long watchedMillis(Event e) {
        return e.startTime() == null || e.endTime() == null
                ? 0
                : java.time.Duration.between(e.startTime(), e.endTime()).toMillis();
    }

    @Override
    public long distinctUsers(Instant from, Instant to) {
        return in(from, to).map(Event::userId).distinct().count();
    }

    @Override
    public Optional<Double> completionRate(String filmId) {
        return Ratios.completion(
                users(e -> filmId.equals(e.filmId()) && e.action() == Action.FILM_FINISHED),
                users(e -> filmId.equals(e.filmId()) && e.action() == Action.FILM_PROGRESS));
    }

    @Override
    public List<Event> userEvents(String userId, EventFilter filter, Instant before, int limit) {
        return events.stream()
                .filter(e -> e.userId().equals(userId)
                        && filter.matches(e)
                        && e.eventTime().isBefore(before))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public List<DailyAverage> rollingAverage7d(Instant from, Instant to) {
        return Rolling.average7d(buckets(Rolling.countsFrom(from), to, ChronoUnit.DAYS), from);
    }

    private Stream<Event> in(Instant from, Instant to) {
        return events.stream()
                .filter(e -> !e.eventTime().isBefore(from) && e.eventTime().isBefore(to));
    }

    private long users(Predicate<Event> p) {
        return events.stream().filter(p).map(Event::userId).distinct().count();
    }

    private List<TimeCount> buckets(Instant from, Instant to, ChronoUnit unit) {
        return in(from, to)
                .collect(Collectors.groupingBy(
                        e -> e.eventTime().truncatedTo(unit), TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(x -> new TimeCount(x.getKey(), x.getValue()))
                .toList();
    }

    private static List<Count> counts(Stream<Event> s, Function<Event, String> key, int limit) {
        return s.collect(Collectors.groupingBy(key, Collectors.counting())).entrySet().stream()
                .map(x -> new Count(x.getKey(), x.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key))
                .limit(limit)
                .toList();
    }
}
