package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelizerTest {

    private static ThreadFactory daemons() {
        return r -> {
            Thread t = new Thread(r, "parallelizer-test");
            t.setDaemon(true);
            return t;
        };
    }

    @Test
    void everyChunkRunsOnceOnTheCallerAndTheHelpers() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "helpers need a second processor");
        try (Parallelizer parallel = new Parallelizer(16, daemons())) {
            assertEquals(Math.min(16, Runtime.getRuntime().availableProcessors()), parallel.workers(),
                    "no more workers than processors");
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 50; round++) {
                parallel.run(1000, chunk -> {
                    runs.incrementAndGet(chunk);
                    threads.add(Thread.currentThread().getName());
                    for (long spin = System.nanoTime() + 10_000; System.nanoTime() < spin; ) {
                        Thread.onSpinWait(); // a little work, so that helpers get their share
                    }
                });
            }
            for (int c = 0; c < 1000; c++) {
                assertEquals(50, runs.get(c), "chunk " + c);
            }
            assertTrue(threads.contains(Thread.currentThread().getName()), "the caller works too");
            assertTrue(threads.contains("parallelizer-test"), "a helper worked: " + threads);
        }
    }

    @Test
    void theCallerDoesNotWaitForAHelperThatHasNotStarted() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "helpers need a second processor");
        CountDownLatch helperMayStart = new CountDownLatch(1);
        ThreadFactory late = r -> {
            Thread t = new Thread(() -> {
                try {
                    helperMayStart.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                r.run();
            }, "late-helper");
            t.setDaemon(true);
            return t;
        };
        try (Parallelizer parallel = new Parallelizer(2, late)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            long start = System.nanoTime();
            parallel.run(10, runs::incrementAndGet);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "returned without the helper");
            for (int c = 0; c < 10; c++) {
                assertEquals(1, runs.get(c), "chunk " + c);
            }
            helperMayStart.countDown();
            parallel.run(10, runs::incrementAndGet); // the helper, started late, took nothing twice
            for (int c = 0; c < 10; c++) {
                assertEquals(2, runs.get(c), "chunk " + c);
            }
        }
    }

    @Test
    void aFailingChunkIsThrownToTheCaller() {
        try (Parallelizer parallel = new Parallelizer(2, daemons())) {
            IllegalStateException broken = new IllegalStateException("plugin broke");
            assertSame(broken, assertThrows(IllegalStateException.class, () -> parallel.run(100, chunk -> {
                if (chunk == 57) {
                    throw broken;
                }
            })));
        }
    }

    @Test
    void chunksAreAboutTheSquareRootOfTheItems() {
        try (Parallelizer one = Parallelizer.sequential()) {
            assertEquals(1, one.workers());
            assertEquals(31, one.chunkSize(1000));
            assertEquals(1, one.chunkSize(1));
        }
    }
}
