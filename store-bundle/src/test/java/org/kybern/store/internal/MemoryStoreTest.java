package org.kybern.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.ConflictException;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyNotFoundException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;

class MemoryStoreTest {

    private MemoryStore store = new MemoryStore(Executors.newFixedThreadPool(2), 1000);

    @AfterEach
    void stop() throws InterruptedException {
        store.deactivate();
    }

    @Test
    void everyWriteBumpsTheGlobalRevisionByOne() {
        long start = store.currentRevision();
        KeyValue a = store.create("/a", bytes("1"));
        KeyValue b = store.create("/b", bytes("2"));
        KeyValue a2 = store.update("/a", bytes("3"), a.modRevision());
        KeyValue gone = store.delete("/b", 0);

        assertEquals(start + 1, a.modRevision());
        assertEquals(start + 2, b.modRevision());
        assertEquals(start + 3, a2.modRevision());
        assertEquals(a.createRevision(), a2.createRevision());
        assertEquals(2, a2.version());
        assertEquals(b, gone);
        assertEquals(start + 4, store.currentRevision());
        assertTrue(store.get("/b").isEmpty());
    }

    @Test
    void createRefusesAnExistingKeyButAllowsOneThatWasDeleted() {
        store.create("/k", bytes("v"));
        assertThrows(KeyExistsException.class, () -> store.create("/k", bytes("w")));
        store.delete("/k", 0);
        KeyValue again = store.create("/k", bytes("x"));
        assertEquals(1, again.version());
        assertEquals("x", again.valueAsString());
    }

    @Test
    void updateAndDeleteAreCompareAndSwapOnTheModRevision() {
        KeyValue v1 = store.create("/k", bytes("1"));
        KeyValue v2 = store.update("/k", bytes("2"), v1.modRevision());

        ConflictException stale = assertThrows(ConflictException.class,
                () -> store.update("/k", bytes("3"), v1.modRevision()));
        assertEquals(v2.modRevision(), stale.actualModRevision());
        assertThrows(ConflictException.class, () -> store.delete("/k", v1.modRevision()));
        assertEquals("2", store.get("/k").orElseThrow().valueAsString());
        assertThrows(KeyNotFoundException.class, () -> store.update("/missing", bytes("x"), 0));
        assertThrows(KeyNotFoundException.class, () -> store.delete("/missing", 0));
    }

    @Test
    void storedValuesAreCopiesOfTheCallersBytes() {
        byte[] value = bytes("original");
        store.create("/k", value);
        value[0] = 'X';
        assertEquals("original", store.get("/k").orElseThrow().valueAsString());
    }

    @Test
    void rangePagesReadOneSnapshotWhileWritesContinue() {
        for (int i = 0; i < 10; i++) {
            store.create("/pods/p" + i, bytes("v" + i));
        }
        store.create("/podsX", bytes("not under the prefix /pods/"));
        RangeResult first = store.range("/pods/", 4, null, 0);
        assertEquals(4, first.items().size());
        assertTrue(first.more());

        store.create("/pods/p5a", bytes("later"));
        store.delete("/pods/p7", 0);
        store.update("/pods/p9", bytes("changed"), 0);

        List<KeyValue> all = new ArrayList<>(first.items());
        RangeResult page = first;
        while (page.more()) {
            page = store.range("/pods/", 4, page.lastKey(), first.revision());
            assertEquals(first.revision(), page.revision());
            all.addAll(page.items());
        }
        assertEquals(10, all.size());
        assertEquals("v9", all.get(9).valueAsString());
        assertEquals(10, store.range("/pods/", 0, null, 0).items().size(), "the current view has p5a, not p7");
    }

    @Test
    void rangeAtACompactedOrFutureRevisionFailsDistinctly() {
        KeyValue a = store.create("/a", bytes("1"));
        store.update("/a", bytes("2"), 0);
        store.update("/a", bytes("3"), 0);
        store.compact(a.modRevision() + 1);

        assertThrows(CompactedException.class, () -> store.range("/", 0, null, a.modRevision()));
        assertEquals("2", store.range("/", 0, null, a.modRevision() + 1).items().get(0).valueAsString());
        StoreException future = assertThrows(StoreException.class,
                () -> store.range("/", 0, null, store.currentRevision() + 5));
        assertFalse(future instanceof CompactedException);
    }

    @Test
    void watchReplaysHistoryThenLiveChangesInOrderWithPreviousValues() throws Exception {
        KeyValue a = store.create("/w/a", bytes("1"));
        store.update("/w/a", bytes("2"), 0);
        store.create("/other", bytes("ignored"));
        Recorder recorder = new Recorder();
        try (Watch w = store.watch("/w/", a.modRevision(), recorder)) {
            store.delete("/w/a", 0);
            store.create("/w/b", bytes("3"));

            WatchEvent update = recorder.next();
            assertEquals(WatchEvent.Type.PUT, update.type());
            assertEquals("2", update.current().valueAsString());
            assertEquals("1", update.previous().valueAsString());
            WatchEvent delete = recorder.next();
            assertEquals(WatchEvent.Type.DELETE, delete.type());
            assertEquals("2", delete.previous().valueAsString());
            WatchEvent create = recorder.next();
            assertEquals("/w/b", create.current().key());
            assertNull(create.previous());
            assertTrue(update.revision() < delete.revision() && delete.revision() < create.revision());
        }
    }

    @Test
    void watchFromACompactedRevisionFailsAndHistoryIsBounded() {
        MemoryStore small = new MemoryStore(Executors.newSingleThreadExecutor(), 8);
        try {
            for (int i = 0; i < 20; i++) {
                small.create("/k" + i, bytes("v"));
            }
            assertTrue(small.compactedRevision() > 0, "automatic compaction keeps history bounded");
            CompactedException e = assertThrows(CompactedException.class,
                    () -> small.watch("/", 1, new Recorder()));
            assertEquals(small.compactedRevision(), e.compactedRevision());
            assertEquals(20, small.range("/", 0, null, 0).items().size(), "compaction keeps current values");
        } finally {
            assertDoesNotThrow(small::deactivate);
        }
    }

    @Test
    void concurrentCompareAndSwapIncrementsLoseNoUpdate() throws Exception {
        store.create("/counter", bytes("0"));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        while (true) {
                            KeyValue kv = store.get("/counter").orElseThrow();
                            int next = Integer.parseInt(kv.valueAsString()) + 1;
                            try {
                                store.update("/counter", bytes(Integer.toString(next)), kv.modRevision());
                                break;
                            } catch (ConflictException retry) {
                                // someone else won; read again
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals("4000", store.get("/counter").orElseThrow().valueAsString());
    }

    @Test
    void stoppingTheStoreEndsOpenWatchesWithAReason() throws Exception {
        Recorder recorder = new Recorder();
        store.watch("/", 0, recorder);
        store.deactivate();
        StoreException cause = recorder.closed.poll(10, TimeUnit.SECONDS);
        assertTrue(cause != null && cause.getMessage().contains("stopping"), "watch told why it ended");
        store = new MemoryStore(Executors.newSingleThreadExecutor(), 10);
    }

    @Test
    void valuesUpToOneMebibyteAndUnicodeKeysRoundTrip() {
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        store.create("/configmaps/默认/ключ-🔑", big);
        assertArrayEquals(big, store.get("/configmaps/默认/ключ-🔑").orElseThrow().value());
        assertEquals(1, store.range("/configmaps/默认/", 0, null, 0).items().size());
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
