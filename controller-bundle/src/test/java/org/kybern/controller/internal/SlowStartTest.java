package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void everyCallSucceedsInDoublingBatches() {
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
    void aFailingBatchEndsItAndTheRestAreSkipped() {
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
    void whenEveryCallFailsOnlyTheFirstIsMade() {
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
    void noCallsForZero() {
        SlowStart.Outcome<Integer> outcome = SlowStart.run(0, executor, () -> {
            throw new AssertionError("called");
        });
        assertEquals(0, outcome.results().size());
        assertEquals(0, outcome.skipped());
    }
}
