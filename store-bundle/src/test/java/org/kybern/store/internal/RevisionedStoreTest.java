package org.kybern.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;

/**
 * What the engine under both stores adds to the Store contract (which the conformance suite in
 * {@code tests/} checks): writes become visible only once durable, history stays bounded,
 * values are copied, and stopping ends watches with a reason.
 */
class RevisionedStoreTest {

    private RevisionedStore store = new RevisionedStore(Executors.newFixedThreadPool(2), 1000, Journal.NONE);

    @AfterEach
    void stop() throws InterruptedException {
        store.close();
    }

    @Test
    void aWriteIsInvisibleToReadsAndWatchesUntilTheJournalHasItOnDisk() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch diskDone = new CountDownLatch(1);
        Journal slowDisk = new Journal() {
            @Override
            public void append(WatchEvent change) {
            }

            @Override
            public void sync(long revision) {
                syncing.countDown();
                assertDoesNotThrow(() -> assertTrue(diskDone.await(10, TimeUnit.SECONDS)));
            }
        };
        RevisionedStore durable = new RevisionedStore(Executors.newSingleThreadExecutor(), 1000, slowDisk);
        try {
            Recorder recorder = new Recorder();
            durable.watch("/", 0, recorder);
            CompletableFuture<KeyValue> write = CompletableFuture.supplyAsync(() -> durable.create("/k", bytes("v")));

            assertTrue(syncing.await(10, TimeUnit.SECONDS), "the write is applied and waits for the disk");
            assertTrue(durable.get("/k").isEmpty(), "not readable before it is durable");
            assertEquals(0, durable.currentRevision());
            assertTrue(durable.range("/", 0, null, 0).items().isEmpty());
            assertNull(recorder.events.poll(100, TimeUnit.MILLISECONDS), "no watch event before it is durable");
            assertTrue(!write.isDone(), "not acknowledged before it is durable");

            diskDone.countDown();
            assertEquals(1, write.get(10, TimeUnit.SECONDS).modRevision());
            assertEquals("v", durable.get("/k").orElseThrow().valueAsString());
            assertEquals("/k", recorder.next().current().key());
        } finally {
            diskDone.countDown();
            durable.close();
        }
    }

    @Test
    void aWatchFromAFutureRevisionIsRefused() {
        store.create("/k", bytes("v"));
        StoreException e = assertThrows(StoreException.class, () -> store.watch("/", 100, new Recorder()));
        assertTrue(e.getMessage().contains("future"), e.getMessage());
    }

    @Test
    void storedValuesAreCopiesOfTheCallersBytes() {
        byte[] value = bytes("original");
        store.create("/k", value);
        value[0] = 'X';
        assertEquals("original", store.get("/k").orElseThrow().valueAsString());
    }

    @Test
    void historyStaysBoundedByCompactingAutomatically() throws Exception {
        RevisionedStore small = new RevisionedStore(Executors.newSingleThreadExecutor(), 8, Journal.NONE);
        try {
            for (int i = 0; i < 20; i++) {
                small.create("/k" + i, bytes("v"));
            }
            assertTrue(small.compactedRevision() > 0, "automatic compaction keeps history bounded");
            CompactedException e = assertThrows(CompactedException.class, () -> small.watch("/", 1, new Recorder()));
            assertEquals(small.compactedRevision(), e.compactedRevision());
            assertEquals(20, small.range("/", 0, null, 0).items().size(), "compaction keeps current values");
        } finally {
            small.close();
        }
    }

    @Test
    void stoppingTheStoreEndsOpenWatchesWithAReason() throws Exception {
        Recorder recorder = new Recorder();
        store.watch("/", 0, recorder);
        store.close();
        StoreException cause = recorder.closed.poll(10, TimeUnit.SECONDS);
        assertTrue(cause != null && cause.getMessage().contains("stopping"), "watch told why it ended");
        store = new RevisionedStore(Executors.newSingleThreadExecutor(), 10, Journal.NONE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static final class Recorder implements WatchListener {
        final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<StoreException> closed = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(WatchEvent event) {
            events.add(event);
        }

        @Override
        public void onClose(StoreException cause) {
            closed.add(cause);
        }

        WatchEvent next() throws InterruptedException {
            WatchEvent e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no watch event within 10 s");
            }
            return e;
        }
    }
}
