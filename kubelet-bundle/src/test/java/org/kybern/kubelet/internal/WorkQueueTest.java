package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue queue = new WorkQueue();

    @Test
    void aKeyAddedTwiceWaitsOnce() throws Exception {
        queue.add("ns/a");
        queue.add("ns/a");
        queue.add("ns/b");
        assertEquals(2, queue.length());
        assertEquals(Optional.of("ns/a"), queue.take(1, TimeUnit.SECONDS));
        assertEquals(Optional.of("ns/b"), queue.take(1, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), queue.take(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void aKeyBeingProcessedIsNotHandedOutAgainUntilDone() throws Exception {
        queue.add("ns/a");
        String key = queue.take(1, TimeUnit.SECONDS).orElseThrow();
        queue.add("ns/a");
        assertEquals(Optional.empty(), queue.take(10, TimeUnit.MILLISECONDS), "a second worker must not get it");
        queue.done(key);
        assertEquals(Optional.of("ns/a"), queue.take(1, TimeUnit.SECONDS), "added meanwhile: comes back once done");
        queue.done("ns/a");
        assertEquals(0, queue.length());
    }

    @Test
    void shutDownWakesWaitingWorkers() throws Exception {
        Thread t = new Thread(queue::shutDown);
        t.start();
        assertEquals(Optional.empty(), queue.take(10, TimeUnit.SECONDS));
        t.join();
        queue.add("ns/a");
        assertEquals(0, queue.length());
    }
}
