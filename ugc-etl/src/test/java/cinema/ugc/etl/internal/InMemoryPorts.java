package cinema.ugc.etl.internal;

import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The in-memory stand-in for the store, the dead-letter topic and the consumer: records every call, fails on demand. */
final class InMemoryPorts implements DeliveryPorts {
    final List<List<StoredEvent>> writes = new ArrayList<>();
    final Map<UUID, Integer> storedTimes = new HashMap<>();
    final List<Poison> deadLetters = new ArrayList<>();
    final List<Map<Integer, Long>> commits = new ArrayList<>();
    final Map<Integer, Long> committed = new HashMap<>();
    final Deque<RuntimeException> writeFailures = new ArrayDeque<>();
    final Deque<RuntimeException> deadLetterFailures = new ArrayDeque<>();
    final Deque<RuntimeException> commitFailures = new ArrayDeque<>();
    final java.util.Set<UUID> rejectedIds = new java.util.HashSet<>();
    boolean broken;
    int writeAttempts;
    int pauses;
    int resumes;
    boolean paused;
    /** As the consumer would report it; false (a backlog) unless a test says otherwise. */
    boolean caughtUp;

    @Override
    public void write(List<StoredEvent> events) {
        writeAttempts++;
        if (!writeFailures.isEmpty()) {
            throw writeFailures.pop();
        }
        if (broken) {
            throw StoreException.fatal("table ugc.events does not exist", null);
        }
        if (events.stream().anyMatch(e -> rejectedIds.contains(e.event().eventId()))) {
            throw StoreException.fatal("value out of range", null);
        }
        writes.add(List.copyOf(events));
        events.forEach(e -> storedTimes.merge(e.event().eventId(), 1, Integer::sum));
    }

    @Override
    public void deadLetter(List<Poison> records) {
        if (!deadLetterFailures.isEmpty()) {
            throw deadLetterFailures.pop();
        }
        deadLetters.addAll(records);
    }

    @Override
    public void commit(Map<Integer, Long> nextOffsets) {
        if (!commitFailures.isEmpty()) {
            throw commitFailures.pop();
        }
        commits.add(nextOffsets);
        committed.putAll(nextOffsets);
    }

    @Override
    public void pauseAll() {
        pauses++;
        paused = true;
    }

    @Override
    public void resumeAll() {
        resumes++;
        paused = false;
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    void failNextWrites(int n, boolean retriable) {
        for (int i = 0; i < n; i++) {
            writeFailures.add(new StoreException("store down #" + i, retriable, null));
        }
    }
}
