package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The scheduling queue's order, back-off, unschedulable pool and in-flight bookkeeping, on a fake clock. */
class SchedulingQueueTest {

    /** A clock that moves only when told. */
    private static final class FakeClock implements LongSupplier {
        private long now = 1_000_000_000_000L;

        @Override
        public synchronized long getAsLong() {
            return now;
        }

        synchronized void advance(Duration d) {
            now += d.toNanos();
        }
    }

    private final FakeClock clock = new FakeClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock);

    static Pod pod(String name, Integer priority) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withResourceVersion("1")
                .endMetadata().withNewSpec().withPriority(priority).endSpec().build();
    }

    static Pod pod(String name) {
        return pod(name, null);
    }

    /** The pod ready now, without waiting. */
    private SchedulingQueue.Entry next() throws InterruptedException {
        return queue.take(Duration.ZERO);
    }

    private String nextName() throws InterruptedException {
        SchedulingQueue.Entry e = next();
        return e == null ? null : e.pod.getMetadata().getName();
    }

    @Test
    void handsOutHighestPriorityFirstThenInArrivalOrder() throws InterruptedException {
        queue.add(pod("low", 0));
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("high-1", 1000));
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("none", null));
        queue.add(pod("mid", 10));
        clock.advance(Duration.ofMillis(1));
        queue.add(pod("high-2", 1000));
        queue.add(pod("negative", -5));
        List<String> order = new ArrayList<>();
        for (String name = nextName(); name != null; name = nextName()) {
            order.add(name);
        }
        assertEquals(List.of("high-1", "high-2", "mid", "low", "none", "negative"), order);
    }

    @Test
    void samePriorityAtTheSameInstantKeepsArrivalOrder() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            queue.add(pod("p" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("p" + i, nextName());
        }
    }

    @Test
    void backoffIsOneTwoFourEightThenTenSeconds() {
        assertEquals(Duration.ZERO, SchedulingQueue.backoffFor(0));
        assertEquals(Duration.ofSeconds(1), SchedulingQueue.backoffFor(1));
        assertEquals(Duration.ofSeconds(2), SchedulingQueue.backoffFor(2));
        assertEquals(Duration.ofSeconds(4), SchedulingQueue.backoffFor(3));
        assertEquals(Duration.ofSeconds(8), SchedulingQueue.backoffFor(4));
        assertEquals(Duration.ofSeconds(10), SchedulingQueue.backoffFor(5));
        assertEquals(Duration.ofSeconds(10), SchedulingQueue.backoffFor(6));
        assertEquals(Duration.ofSeconds(10), SchedulingQueue.backoffFor(100));
    }

    @Test
    void aRetriedPodComesBackExactlyWhenItsBackoffEnds() throws InterruptedException {
        queue.add(pod("a"));
        long[] expected = {1, 2, 4, 8, 10, 10};
        for (long seconds : expected) {
            SchedulingQueue.Entry entry = next();
            assertNotNull(entry, "handed out after " + seconds + " s back-off");
            queue.retry(entry);
            assertNull(next(), "not at once");
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            assertNull(next(), "not before the " + seconds + " s back-off ends");
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals("a", nextName());
    }

    @Test
    void aPodInBackoffDoesNotHoldUpOthers() throws InterruptedException {
        queue.add(pod("a", 100));
        queue.retry(next());
        queue.add(pod("b", 0));
        assertEquals("b", nextName());
        assertNull(next());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a", nextName());
    }

    @Test
    void anUnschedulablePodStaysParkedUntilTheClusterChanges() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        assertEquals(1, queue.unschedulableCount());
        assertEquals(1, queue.size());
        clock.advance(Duration.ofSeconds(30));
        assertNull(next(), "no back-off release for a parked pod");
        queue.moveAllToActiveOrBackoff();
        assertEquals(0, queue.unschedulableCount());
        assertEquals("a", nextName(), "its 1 s back-off since the failure has long passed");
    }

    @Test
    void aPodMovedRightAfterItsFailureStillWaitsOutItsBackoff() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        clock.advance(Duration.ofMillis(400));
        queue.moveAllToActiveOrBackoff();
        assertNull(next());
        clock.advance(Duration.ofMillis(599));
        assertNull(next());
        clock.advance(Duration.ofMillis(1));
        assertEquals("a", nextName());
    }

    @Test
    void anUnschedulablePodIsRetriedAfterSixtySecondsWithoutChanges() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        clock.advance(Duration.ofSeconds(60).minusMillis(1));
        assertNull(next());
        assertEquals(1, queue.unschedulableCount());
        clock.advance(Duration.ofMillis(1));
        assertEquals("a", nextName());
        assertEquals(0, queue.unschedulableCount());
    }

    @Test
    void aPodWhoseAttemptBeganBeforeAMoveRequestBacksOffInsteadOfParking() throws InterruptedException {
        queue.add(pod("a"));
        SchedulingQueue.Entry entry = next();
        queue.moveAllToActiveOrBackoff(); // e.g. a node was added while the pod was being tried
        queue.unschedulable(entry);
        assertEquals(0, queue.unschedulableCount());
        assertNull(next(), "backs off first");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("a", nextName());
    }

    @Test
    void aMoveRequestBeforeTheAttemptBeganDoesNotKeepThePodOutOfThePool() throws InterruptedException {
        queue.add(pod("a"));
        queue.moveAllToActiveOrBackoff();
        queue.unschedulable(next());
        assertEquals(1, queue.unschedulableCount());
        clock.advance(Duration.ofSeconds(20));
        assertNull(next());
    }

    @Test
    void anUpdateToAParkedPodRequeuesItWithTheNewVersion() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        clock.advance(Duration.ofSeconds(5));
        Pod updated = new PodBuilder(pod("a")).editMetadata().withResourceVersion("2").addToLabels("tier", "web")
                .endMetadata().build();
        queue.add(updated);
        assertEquals(0, queue.unschedulableCount());
        SchedulingQueue.Entry entry = next();
        assertNotNull(entry);
        assertSame(updated, entry.pod);
    }

    @Test
    void anUpdateToAParkedPodRequeuesItAfterItsBackoff() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        Pod updated = new PodBuilder(pod("a")).editSpec().withNodeSelector(java.util.Map.of("zone", "b")).endSpec()
                .build();
        queue.add(updated);
        assertEquals(0, queue.unschedulableCount());
        assertNull(next());
        clock.advance(Duration.ofSeconds(1));
        assertSame(updated, next().pod);
    }

    @Test
    void aStatusOnlyUpdateOfAParkedPodLeavesItParked() throws InterruptedException {
        // The scheduler's own PodScheduled=False condition comes back as such an update after every failure.
        queue.add(pod("a"));
        queue.unschedulable(next());
        Pod reported = new PodBuilder(pod("a")).editMetadata().withResourceVersion("7").endMetadata()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").endCondition().endStatus().build();
        queue.add(reported);
        assertEquals(1, queue.unschedulableCount());
        clock.advance(Duration.ofSeconds(30));
        assertNull(next());
        queue.moveAllToActiveOrBackoff();
        assertSame(reported, next().pod, "the latest version is the one tried");
    }

    @Test
    void onlyChangesBeyondStatusAndBookkeepingCountAsUpdates() {
        Pod base = pod("a");
        assertFalse(SchedulingQueue.isPodUpdated(base, new PodBuilder(base).editMetadata().withResourceVersion("9")
                .withGeneration(3L).addToFinalizers("example.com/keep").addNewManagedField().withManager("kubectl")
                .endManagedField().endMetadata().withNewStatus().withPhase("Pending").endStatus().build()));
        assertTrue(SchedulingQueue.isPodUpdated(base, new PodBuilder(base).editMetadata().addToLabels("app", "web")
                .endMetadata().build()));
        assertTrue(SchedulingQueue.isPodUpdated(base, new PodBuilder(base).editMetadata()
                .addToAnnotations("note", "x").endMetadata().build()));
        assertTrue(SchedulingQueue.isPodUpdated(base, new PodBuilder(base).editSpec().addNewToleration()
                .withKey("dedicated").withOperator("Exists").endToleration().endSpec().build()));
        assertEquals("1", base.getMetadata().getResourceVersion(), "the compared pod itself is left alone");
    }

    @Test
    void deleteRemovesAPodFromEveryPlace() throws InterruptedException {
        queue.add(pod("backoff"));
        queue.add(pod("parked"));
        queue.add(pod("flying"));
        queue.add(pod("active"));
        queue.retry(next());
        queue.unschedulable(next());
        SchedulingQueue.Entry flying = next();
        assertEquals("default/flying", flying.key);
        assertEquals(4, queue.size());
        assertEquals(1, queue.unschedulableCount());

        for (String name : List.of("backoff", "parked", "flying", "active")) {
            queue.delete("default/" + name);
        }
        assertEquals(0, queue.size());
        assertEquals(0, queue.unschedulableCount());
        queue.retry(flying);
        queue.unschedulable(flying);
        queue.moveAllToActiveOrBackoff();
        clock.advance(Duration.ofMinutes(2));
        assertNull(next(), "nothing deleted comes back");
        assertEquals(0, queue.size());
    }

    @Test
    void aPodDeletedInFlightIsNotResurrectedByUnschedulable() throws InterruptedException {
        queue.add(pod("a"));
        SchedulingQueue.Entry entry = next();
        queue.delete(entry.key);
        queue.unschedulable(entry);
        assertEquals(0, queue.unschedulableCount());
        assertEquals(0, queue.size());
        clock.advance(Duration.ofMinutes(2));
        assertNull(next());
    }

    @Test
    void aPodRecreatedAfterDeleteIsQueuedAfresh() throws InterruptedException {
        queue.add(pod("a"));
        queue.unschedulable(next());
        queue.delete("default/a");
        Pod again = pod("a");
        queue.add(again);
        assertSame(again, next().pod, "no back-off for the new pod");
    }

    @Test
    void anUpdateInFlightIsWhatTheRetryHandsOut() throws InterruptedException {
        queue.add(pod("a"));
        SchedulingQueue.Entry entry = next();
        Pod updated = new PodBuilder(pod("a")).editMetadata().withResourceVersion("2").endMetadata().build();
        queue.add(updated);
        assertEquals(1, queue.size());
        assertNull(next(), "not handed out twice while in flight");
        queue.retry(entry);
        clock.advance(Duration.ofSeconds(1));
        SchedulingQueue.Entry again = next();
        assertNotNull(again);
        assertSame(updated, again.pod);
        assertNull(next());
    }

    @Test
    void doneForgetsThePod() throws InterruptedException {
        queue.add(pod("a"));
        queue.done(next());
        assertEquals(0, queue.size());
        queue.moveAllToActiveOrBackoff();
        clock.advance(Duration.ofMinutes(2));
        assertNull(next());
    }

    @Test
    void takeWithATimeoutReturnsNullWhenNothingComes() throws InterruptedException {
        SchedulingQueue real = new SchedulingQueue(System::nanoTime);
        long start = System.nanoTime();
        assertNull(real.take(Duration.ofMillis(50)));
        long took = System.nanoTime() - start;
        assertTrue(took >= Duration.ofMillis(50).toNanos(), "waited the timeout, took " + took + " ns");
        assertTrue(took < Duration.ofSeconds(5).toNanos(), "did not hang, took " + took + " ns");
    }

    @Test
    void aWaitingTakeReceivesAPodAddedMeanwhile() throws Exception {
        SchedulingQueue real = new SchedulingQueue(System::nanoTime);
        AtomicReference<SchedulingQueue.Entry> taken = new AtomicReference<>();
        Thread taker = startTaker(real, taken);
        real.add(pod("a"));
        taker.join(5_000);
        assertFalse(taker.isAlive(), "take returned");
        assertEquals("default/a", taken.get().key);
    }

    @Test
    void closeWakesAWaitingTake() throws Exception {
        SchedulingQueue real = new SchedulingQueue(System::nanoTime);
        AtomicReference<SchedulingQueue.Entry> taken = new AtomicReference<>(new SchedulingQueue.Entry(pod("x"), "x", 0, 0));
        Thread taker = startTaker(real, taken);
        real.close();
        taker.join(5_000);
        assertFalse(taker.isAlive(), "take returned long before its minute");
        assertNull(taken.get());
        assertNull(real.take(Duration.ofMinutes(1)), "a closed queue hands out nothing");
    }

    /** A thread blocked in take (a minute's timeout) once this returns. */
    private static Thread startTaker(SchedulingQueue q, AtomicReference<SchedulingQueue.Entry> taken)
            throws InterruptedException {
        Thread taker = new Thread(() -> {
            try {
                taken.set(q.take(Duration.ofMinutes(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "taker");
        taker.setDaemon(true);
        taker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (taker.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "taker did not start waiting");
            Thread.onSpinWait();
        }
        return taker;
    }
}
