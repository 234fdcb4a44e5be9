package cinema.ugc.etl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cinema.ugc.etl.EtlSettings;
import cinema.ugc.etl.internal.DeliveryMachine.State;
import cinema.ugc.model.Action;
import cinema.ugc.model.Event;
import cinema.ugc.store.StoreException;
import cinema.ugc.store.StoredEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** Every transition of the delivery state machine, with an in-memory store and a hand-moved clock. */
class DeliveryMachineTest {
    private static final Duration AGE = Duration.ofSeconds(1);
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    private final InMemoryPorts ports = new InMemoryPorts();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMachine machine = new DeliveryMachine(
            EtlSettings.defaults().withBatch(3, AGE).withRetry(Duration.ofMillis(100), Duration.ofSeconds(1)),
            ports,
            clock,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0),
            new EtlMetrics(registry),
            "ugc.events");
    private long nextOffset;

    @Test
    void accumulatesUntilTheBatchIsFull() {
        machine.accept(events(0, 2));
        assertFalse(machine.step());
        assertEquals(State.ACCUMULATING, machine.state());
        machine.accept(events(0, 1));
        assertTrue(machine.step());
        assertEquals(State.WRITING, machine.state());
        assertTrue(ports.writes.isEmpty(), "nothing is written before the WRITING step");
    }

    @Test
    void aBatchBecomesDueWithAgeEvenWhenSmall() {
        machine.accept(events(0, 1));
        clock.add(AGE.minusMillis(1));
        assertFalse(machine.step());
        clock.add(Duration.ofMillis(1));
        assertTrue(machine.step());
        assertEquals(State.WRITING, machine.state());
    }

    @Test
    void onceCaughtUpTheFirstBatchIsDueAtOnce() {
        DeliveryMachine quick = machineWithInterval(Duration.ofMillis(200));
        ports.caughtUp = true;
        quick.accept(events(0, 1));
        assertTrue(quick.step());
        assertEquals(State.WRITING, quick.state());
    }

    @Test
    void onceCaughtUpWritesAreSpacedByTheInterval() {
        DeliveryMachine quick = machineWithInterval(Duration.ofMillis(200));
        ports.caughtUp = true;
        Instant firstWrite = clock.instant();
        quick.accept(events(0, 1));
        quick.advance();
        assertEquals(1, ports.writes.size());
        clock.add(Duration.ofMillis(50));
        quick.accept(events(0, 1));
        assertFalse(quick.step(), "the interval caps the inserts per second even when idle");
        assertEquals(firstWrite.plusMillis(200), quick.wakeUpAt());
        clock.add(Duration.ofMillis(149));
        assertFalse(quick.step());
        clock.add(Duration.ofMillis(1));
        assertTrue(quick.step());
        assertEquals(State.WRITING, quick.state());
    }

    @Test
    void withABacklogTheBatchWaitsForItsSizeOrItsAge() {
        DeliveryMachine quick = machineWithInterval(Duration.ZERO);
        quick.accept(events(0, 2));
        clock.add(Duration.ofMillis(500));
        assertFalse(quick.step(), "more records are coming: the batch keeps growing");
        assertEquals(clock.instant().plusMillis(500), quick.wakeUpAt(), "woken at the batch age");
        quick.accept(events(0, 1));
        assertTrue(quick.step(), "full");
    }

    @Test
    void aBacklogThatClearsMakesTheBatchDue() {
        DeliveryMachine quick = machineWithInterval(Duration.ofMillis(200));
        quick.accept(events(0, 1));
        clock.add(Duration.ofMillis(10));
        assertFalse(quick.step());
        ports.caughtUp = true;
        assertTrue(quick.step());
        quick.advance();
        assertEquals(1, ports.writes.size());
    }

    @Test
    void aZeroIntervalWritesEveryCatchUpAtOnce() {
        DeliveryMachine immediate = machineWithInterval(Duration.ZERO);
        ports.caughtUp = true;
        immediate.accept(events(0, 1));
        immediate.advance();
        immediate.accept(events(0, 1));
        assertTrue(immediate.step());
        assertEquals(State.WRITING, immediate.state());
    }

    private DeliveryMachine machineWithInterval(Duration interval) {
        return new DeliveryMachine(
                EtlSettings.defaults().withBatch(3, AGE, interval),
                ports,
                clock,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0),
                new EtlMetrics(registry),
                "ugc.events");
    }

    @Test
    void anEmptyBatchNeverBecomesDue() {
        clock.add(Duration.ofHours(1));
        assertFalse(machine.step());
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(null, machine.wakeUpAt());
    }

    @Test
    void writingThenCommittingThenAccumulatingAgain() {
        machine.accept(events(0, 3));
        machine.step();
        assertTrue(machine.step());
        assertEquals(State.COMMITTING, machine.state());
        assertEquals(1, ports.writes.size());
        assertTrue(ports.commits.isEmpty(), "the commit is its own step, after the write returned");
        assertTrue(machine.step());
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(Map.of(0, 3L), ports.committed);
        assertEquals(0, machine.pendingRecords());
        assertEquals(3.0, registry.get("ugc.etl.rows.inserted").counter().count());
    }

    @Test
    void recordsHowLongAfterTheApiReceivedThemTheRowsWereWritten() {
        Instant written = clock.instant();
        List<Incoming> batch = List.of(
                received(0, written.minusMillis(1500)),
                received(1, written.minusMillis(300)),
                received(2, written.minusMillis(700)));
        machine.accept(batch);
        machine.advance();
        var freshness = registry.get("ugc.etl.event.freshness").timer();
        assertEquals(3, freshness.count());
        assertEquals(1500, freshness.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(2500, freshness.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void commitsTheNextOffsetOfEveryPartitionInTheBatch() {
        machine.accept(List.of(event(0, 10), event(1, 4), event(0, 11)));
        machine.advance();
        assertEquals(List.of(Map.of(0, 12L, 1, 5L)), ports.commits);
    }

    @Test
    void aRetriableFailureBacksOffWithPartitionsPausedAndCommitsNothing() {
        ports.failNextWrites(1, true);
        machine.accept(events(0, 3));
        machine.advance();
        assertEquals(State.BACKOFF, machine.state());
        assertTrue(ports.paused);
        assertTrue(ports.commits.isEmpty());
        assertEquals(clock.instant().plusMillis(100), machine.wakeUpAt());
    }

    @Test
    void backoffWaitsForItsDeadlineThenRetriesTheSameBatch() {
        ports.failNextWrites(1, true);
        List<Incoming> batch = events(0, 3);
        machine.accept(batch);
        machine.advance();
        clock.add(Duration.ofMillis(99));
        assertFalse(machine.step());
        clock.add(Duration.ofMillis(1));
        assertTrue(machine.step());
        assertEquals(State.WRITING, machine.state());
        machine.advance();
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(batch.stream().map(Incoming::event).toList(), ports.writes.get(0));
        assertEquals(Map.of(0, 3L), ports.committed);
        assertFalse(ports.paused, "partitions resume once the batch is committed");
        assertEquals(1, ports.resumes);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheMaximumAndPausesOnce() {
        ports.failNextWrites(6, true);
        machine.accept(events(0, 3));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            machine.advance();
            Duration wait = Duration.between(clock.instant(), machine.wakeUpAt());
            waits.add(wait.toMillis());
            clock.add(wait);
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), waits);
        assertEquals(1, ports.pauses);
        machine.advance();
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(7, ports.writeAttempts);
        assertEquals(0, machine.attempts(), "a success resets the back-off");
    }

    @Test
    void aFatalFailureOfEveryRowStopsWithoutCommitting() {
        ports.broken = true;
        machine.accept(events(0, 3));
        machine.advance();
        assertEquals(State.FAILED, machine.state());
        assertTrue(ports.commits.isEmpty());
        assertTrue(ports.deadLetters.isEmpty(), "a broken store is not blamed on the rows");
        assertNotNull(machine.failure());
        assertFalse(machine.step(), "FAILED is terminal");
        int attempts = ports.writeAttempts;
        machine.close();
        assertEquals(State.FAILED, machine.state());
        assertEquals(attempts, ports.writeAttempts, "close does not write after a fatal failure");
    }

    @Test
    void rowsTheStoreRejectsAreDeadLetteredAndTheRestIsWrittenAndCommitted() {
        List<Incoming> batch = events(0, 3);
        UUID bad = batch.get(1).event().event().eventId();
        ports.rejectedIds.add(bad);
        machine.accept(batch);
        machine.advance();
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(2, ports.storedTimes.size());
        assertFalse(ports.storedTimes.containsKey(bad));
        assertEquals(1, ports.deadLetters.size());
        Poison p = ports.deadLetters.get(0);
        assertEquals(1L, p.offset());
        assertEquals("ugc.events", p.topic());
        assertTrue(p.error().contains("value out of range"), p.error());
        assertEquals(bad, new cinema.ugc.model.EventCodec().decode(p.value()).eventId());
        assertEquals(Map.of(0, 3L), ports.committed);
        assertEquals(2.0, registry.get("ugc.etl.rows.inserted").counter().count());
        assertEquals(
                1.0, registry.get("ugc.etl.records.dead.lettered").counter().count());
        assertEquals(2, registry.get("ugc.etl.event.freshness").timer().count(), "a rejected row never became visible");
    }

    @Test
    void aSingleRowBatchTheStoreRejectsStops() {
        ports.failNextWrites(1, false);
        machine.accept(events(0, 1));
        clock.add(AGE);
        machine.advance();
        assertEquals(State.FAILED, machine.state());
        assertTrue(ports.commits.isEmpty());
    }

    @Test
    void aRetriableFailureWhileIsolatingRowsBacksOff() {
        ports.failNextWrites(1, false);
        ports.failNextWrites(1, true);
        machine.accept(events(0, 4));
        machine.advance();
        assertEquals(State.BACKOFF, machine.state());
        assertTrue(ports.commits.isEmpty());
    }

    @Test
    void anUnexpectedExceptionFromTheStoreIsFatal() {
        ports.writeFailures.add(new IllegalStateException("bug"));
        machine.accept(events(0, 3));
        machine.advance();
        assertEquals(State.FAILED, machine.state());
        assertTrue(ports.commits.isEmpty());
    }

    @Test
    void poisonIsDeadLetteredBeforeItsOffsetIsCommitted() {
        machine.accept(List.of(event(0, 0), poison(0, 1), event(0, 2)));
        machine.advance();
        assertEquals(1, ports.deadLetters.size());
        assertEquals(1L, ports.deadLetters.get(0).offset());
        assertEquals(2, ports.writes.get(0).size());
        assertEquals(Map.of(0, 3L), ports.committed);
    }

    @Test
    void aBatchOfOnlyPoisonIsCommittedWithoutAStoreWrite() {
        machine.accept(List.of(poison(0, 0), poison(0, 1), poison(0, 2)));
        machine.advance();
        assertEquals(0, ports.writeAttempts);
        assertEquals(Map.of(0, 3L), ports.committed);
    }

    @Test
    void anUnacknowledgedDeadLetterBacksOffAndIsNotResentAfterTheStoreFails() {
        ports.deadLetterFailures.add(new DeadLetterException("broker down", null));
        machine.accept(List.of(event(0, 0), poison(0, 1), event(0, 2)));
        machine.advance();
        assertEquals(State.BACKOFF, machine.state());
        assertEquals(0, ports.writeAttempts, "the store write waits for the dead-letter acknowledgement");
        ports.failNextWrites(1, true);
        clock.add(Duration.ofSeconds(1));
        machine.advance();
        assertEquals(State.BACKOFF, machine.state());
        assertEquals(1, ports.deadLetters.size());
        clock.add(Duration.ofSeconds(1));
        machine.advance();
        assertEquals(1, ports.deadLetters.size(), "dead letters are sent once per batch");
        assertEquals(Map.of(0, 3L), ports.committed);
    }

    @Test
    void aFailedCommitStillStartsANewBatchBecauseTheRowsAreStored() {
        ports.commitFailures.add(new RuntimeException("rebalance in progress"));
        machine.accept(events(0, 3));
        machine.advance();
        assertEquals(State.ACCUMULATING, machine.state());
        assertTrue(ports.committed.isEmpty());
        assertEquals(0, machine.pendingRecords());
        machine.accept(events(0, 3));
        machine.advance();
        assertEquals(Map.of(0, 6L), ports.committed, "the next commit covers the earlier records too");
    }

    @Test
    void recordsWhileBackingOffAreAProgrammingError() {
        ports.failNextWrites(1, true);
        machine.accept(events(0, 3));
        machine.advance();
        assertThrows(IllegalStateException.class, () -> machine.accept(events(0, 1)));
    }

    @Test
    void partitionsAssignedDuringBackoffArePausedToo() {
        machine.onAssigned(List.of(1));
        assertEquals(0, ports.pauses);
        ports.failNextWrites(1, true);
        machine.accept(events(0, 3));
        machine.advance();
        machine.onAssigned(List.of(1));
        assertEquals(2, ports.pauses);
    }

    @Test
    void revocationFlushesAndCommitsTheOpenBatch() {
        machine.accept(List.of(event(0, 0), event(1, 0)));
        machine.onRevoked(List.of(1));
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(1, ports.writes.size());
        assertEquals(Map.of(0, 1L, 1, 1L), ports.committed);
        assertEquals(0, machine.pendingRecords());
    }

    @Test
    void revocationOfUntouchedPartitionsChangesNothing() {
        machine.accept(List.of(event(0, 0)));
        machine.onRevoked(List.of(1));
        assertEquals(0, ports.writeAttempts);
        assertEquals(1, machine.pendingRecords());
    }

    @Test
    void revocationWhenTheStoreFailsDropsOnlyTheRevokedPartitionsUncommitted() {
        machine.accept(List.of(event(0, 0), event(1, 0), event(1, 1)));
        ports.failNextWrites(1, true);
        machine.onRevoked(List.of(1));
        assertEquals(State.BACKOFF, machine.state());
        assertEquals(1, machine.pendingRecords());
        assertTrue(ports.commits.isEmpty());
        clock.add(Duration.ofSeconds(1));
        machine.advance();
        assertEquals(Map.of(0, 1L), ports.committed, "partition 1 is never committed here; its next owner reads it");
    }

    @Test
    void revocationOfEveryBatchedPartitionDuringBackoffResumesAccumulating() {
        ports.failNextWrites(2, true);
        machine.accept(events(0, 3));
        machine.advance();
        machine.onRevoked(List.of(0));
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(0, machine.pendingRecords());
        assertFalse(ports.paused);
        assertTrue(ports.commits.isEmpty());
    }

    @Test
    void lostPartitionsAreDroppedWithoutAWriteOrCommit() {
        ports.failNextWrites(1, true);
        machine.accept(List.of(event(0, 0), event(0, 1), event(1, 0)));
        machine.advance();
        machine.onLost(List.of(0, 1));
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(1, ports.writeAttempts);
        assertTrue(ports.commits.isEmpty());
        assertFalse(ports.paused);
    }

    @Test
    void lostPartitionsWhileAccumulatingLeaveTheOthers() {
        machine.accept(List.of(event(0, 0), event(1, 0)));
        machine.onLost(List.of(1));
        assertEquals(State.ACCUMULATING, machine.state());
        assertEquals(1, machine.pendingRecords());
    }

    @Test
    void closeFlushesAndCommitsTheOpenBatch() {
        machine.accept(events(0, 2));
        machine.close();
        assertEquals(State.CLOSED, machine.state());
        assertEquals(Map.of(0, 2L), ports.committed);
        assertFalse(machine.step(), "CLOSED is terminal");
    }

    @Test
    void closeWithTheStoreDownCommitsNothing() {
        machine.accept(events(0, 2));
        ports.failNextWrites(1, true);
        machine.close();
        assertEquals(State.CLOSED, machine.state());
        assertTrue(ports.commits.isEmpty());
    }

    @Test
    void closeWithAnEmptyBatchWritesNothing() {
        machine.close();
        assertEquals(State.CLOSED, machine.state());
        assertEquals(0, ports.writeAttempts);
    }

    @Test
    void aCrashAtAnyStepLosesNothingAndTheStoreSeesRepeatsOnly() {
        // Simulates SIGKILL after the write but before the commit: a new machine re-reads from the committed offset.
        List<Incoming> all = events(0, 6);
        machine.accept(all.subList(0, 3));
        machine.advance();
        machine.accept(all.subList(3, 6));
        machine.step();
        machine.step();
        assertSame(State.COMMITTING, machine.state());
        long committed = ports.committed.get(0);
        DeliveryMachine restarted = new DeliveryMachine(
                EtlSettings.defaults().withBatch(3, AGE),
                ports,
                clock,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0),
                new EtlMetrics(registry),
                "ugc.events");
        restarted.accept(all.subList((int) committed, 6));
        restarted.advance();
        assertEquals(6, ports.storedTimes.size(), "every event stored");
        assertEquals(
                3,
                ports.storedTimes.values().stream().filter(n -> n == 2).count(),
                "only the uncommitted batch repeats");
        assertEquals(Map.of(0, 6L), ports.committed);
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0);
        assertEquals(Duration.ofMillis(200), low.delay(3));
        assertEquals(Duration.ofMillis(400), high.delay(3));
        assertEquals(Duration.ofMillis(1000), high.delay(500), "huge attempt numbers do not overflow");
    }

    @Test
    void storeExceptionsCarryTheirRetriability() {
        assertTrue(StoreException.retriable("x", null).retriable());
        assertFalse(StoreException.fatal("x", null).retriable());
    }

    private List<Incoming> events(int partition, int n) {
        List<Incoming> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event(partition, nextOffset++));
        }
        return out;
    }

    private static Incoming event(int partition, long offset) {
        Event e = new Event(
                UUID.randomUUID(),
                "user-1",
                Action.CLICK,
                null,
                null,
                Instant.EPOCH,
                null,
                null,
                Map.of(),
                Instant.EPOCH);
        return Incoming.event(new StoredEvent(e, partition, offset));
    }

    private static Incoming received(long offset, Instant receivedAt) {
        Event e = new Event(
                UUID.randomUUID(), "user-1", Action.CLICK, null, null, receivedAt, null, null, Map.of(), receivedAt);
        return Incoming.event(new StoredEvent(e, 0, offset));
    }

    private static Incoming poison(int partition, long offset) {
        return Incoming.poison(new Poison("ugc.events", partition, offset, null, new byte[] {1}, "not JSON"));
    }
}
