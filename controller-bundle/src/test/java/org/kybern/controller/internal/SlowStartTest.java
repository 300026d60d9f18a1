package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void everyCallSucceedsInDoublingBatches() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SlowStart.Outcome<Integer> outcome = SlowStart.run(10, executor, calls::getAndIncrement);
        assertEquals(10, outcome.results().size());
        assertEquals(0, outcome.skipped());
        assertNull(outcome.firstFailure());
        assertEquals(10, calls.get());
    }

    @Test
    void callsOfOneBatchRunAtTheSameTime() throws Exception {
        // Batches 1, 2, 4: the third batch's four calls each wait until all four have started.
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch thirdBatch = new CountDownLatch(4);
        SlowStart.Outcome<Integer> outcome = SlowStart.run(7, executor, () -> {
            int n = calls.getAndIncrement();
            if (n >= 3) {
                thirdBatch.countDown();
                try {
                    if (!thirdBatch.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the batch's calls ran one after another");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return n;
        });
        assertNull(outcome.firstFailure());
        assertEquals(7, outcome.results().size());
    }

    @Test
    void aFailingBatchEndsItAndTheRestAreSkipped() throws Exception {
        // Batches 1, 2, 4, 8 of 20: the sixth call (in the batch of 4) fails, so 7 calls are made and 13 skipped.
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("exceeded quota");
        SlowStart.Outcome<Integer> outcome = SlowStart.run(20, executor, () -> {
            int n = calls.getAndIncrement();
            if (n == 5) {
                throw refused;
            }
            return n;
        });
        assertEquals(7, calls.get());
        assertEquals(6, outcome.results().size());
        assertEquals(List.of(refused), outcome.failures());
        assertSame(refused, outcome.firstFailure());
        assertEquals(13, outcome.skipped());
    }

    @Test
    void whenEveryCallFailsOnlyTheFirstIsMade() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SlowStart.Outcome<Integer> outcome = SlowStart.run(5, executor, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("forbidden");
        });
        assertEquals(1, calls.get());
        assertEquals(4, outcome.skipped());
        assertEquals(1, outcome.failures().size());
    }

    @Test
    void noCallsForZero() throws Exception {
        SlowStart.Outcome<Integer> outcome = SlowStart.run(0, executor, () -> {
            throw new AssertionError("called");
        });
        assertEquals(0, outcome.results().size());
        assertEquals(0, outcome.skipped());
    }
    @Test
    void aStoppingCallerIsNotHeldByACallThatHangs() throws Exception {
        // The controller manager interrupts its workers when it stops; a write that never returns must not keep one.
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                SlowStart.run(3, executor, () -> {
                    hanging.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        assertTrue(hanging.await(10, TimeUnit.SECONDS), "the first call began");
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(caller.isAlive(), "the caller returned after its interrupt");
        assertInstanceOf(InterruptedException.class, thrown.get());
    }
}
