package org.kybern.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controllers' work queue: each key once, never to two workers at once, failures backed off. */
class WorkQueueTest {

    private static final Duration NOW = Duration.ZERO;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final WorkQueue queue = new WorkQueue(timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aKeyAddedTwiceWhileWaitingIsHandedOutOnce() throws Exception {
        queue.add("shop/web");
        queue.add("shop/db");
        queue.add("shop/web");
        assertEquals(2, queue.length());
        assertEquals("shop/web", queue.take(NOW));
        assertEquals("shop/db", queue.take(NOW));
        assertNull(queue.take(NOW));
    }

    @Test
    void aKeyAddedWhileBeingReconciledComesBackOnlyWhenDone() throws Exception {
        queue.add("shop/web");
        String key = queue.take(NOW);
        queue.add("shop/web");
        assertNull(queue.take(NOW), "not handed to a second worker meanwhile");
        queue.done(key);
        assertEquals("shop/web", queue.take(NOW));
        queue.shutDown();
        queue.add("shop/db");
        assertEquals(0, queue.length(), "a queue shut down takes nothing more");

    }

    @Test
    void aKeyDoneWithoutANewAddIsNotQueuedAgain() throws Exception {
        queue.add("shop/web");
        queue.done(queue.take(NOW));
        assertNull(queue.take(NOW));
    }

    @Test
    void failuresBackOffExponentiallyUntilForgotten() {
        assertEquals(Duration.ofMillis(5), queue.backOff("k"));
        assertEquals(Duration.ofMillis(10), queue.backOff("k"));
        assertEquals(Duration.ofMillis(20), queue.backOff("k"));
        assertEquals(3, queue.failures("k"));
        queue.forget("k");
        assertEquals(Duration.ofMillis(5), queue.backOff("k"));
        for (int i = 0; i < 100; i++) {
            queue.backOff("k");
        }
        assertEquals(WorkQueue.MAX_DELAY, queue.backOff("k"), "capped");
    }

    @Test
    void aDelayedAddArrivesAfterItsDelay() throws Exception {
        long start = System.nanoTime();
        queue.addAfter("shop/web", Duration.ofMillis(50));
        assertNull(queue.take(NOW));
        assertEquals("shop/web", queue.take(Duration.ofSeconds(5)));
        assertEquals(true, System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
    }

    @Test
    void shutDownWakesWaitingWorkers() throws Exception {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            queue.shutDown();
        });
        closer.start();
        long start = System.nanoTime();
        assertNull(queue.take(Duration.ofSeconds(30)));
        assertEquals(true, System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        closer.join();
    }
}
