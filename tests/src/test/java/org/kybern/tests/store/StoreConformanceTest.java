package org.kybern.tests.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.ConflictException;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyNotFoundException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;

/**
 * The guarantees the {@link Store} Javadoc states, checked against every implementation. Each
 * test works under a prefix of its own, so stores that outlive one test (a shared etcd) can run
 * the suite too.
 */
class StoreConformanceTest {

    private StoreUnderTest current;
    private final String prefix = "/registry/conformance/" + UUID.randomUUID() + "/";

    static Stream<StoreUnderTest.Kind> stores() {
        return StoreUnderTest.kinds();
    }

    @AfterEach
    void stop() throws Exception {
        if (current != null) {
            current.close();
        }
    }

    @AfterAll
    static void stopSharedStores() throws Exception {
        StoreUnderTest.Etcd.stopShared();
    }

    private Store open(StoreUnderTest.Kind kind) throws Exception {
        current = kind.open();
        return current.store();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyWriteAdvancesTheGlobalRevisionByOne(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        long start = store.currentRevision();
        KeyValue a = store.create(prefix + "a", bytes("1"));
        KeyValue b = store.create(prefix + "b", bytes("2"));
        KeyValue a2 = store.update(prefix + "a", bytes("3"), a.modRevision());
        KeyValue gone = store.delete(prefix + "b", 0);

        assertEquals(start + 1, a.modRevision());
        assertEquals(a.modRevision(), a.createRevision());
        assertEquals(1, a.version());
        assertEquals(start + 2, b.modRevision());
        assertEquals(start + 3, a2.modRevision());
        assertEquals(a.createRevision(), a2.createRevision());
        assertEquals(2, a2.version());
        assertEquals(b.key(), gone.key());
        assertEquals(b.modRevision(), gone.modRevision());
        assertEquals(start + 4, store.currentRevision());
        assertTrue(store.get(prefix + "b").isEmpty());
        assertEquals("3", store.get(prefix + "a").orElseThrow().valueAsString(), "a write is visible to later reads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void createFailsWhenTheKeyExistsButNotAfterItWasDeleted(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        store.create(prefix + "k", bytes("v"));
        assertThrows(KeyExistsException.class, () -> store.create(prefix + "k", bytes("w")));
        assertEquals("v", store.get(prefix + "k").orElseThrow().valueAsString(), "the failed create changed nothing");
        store.delete(prefix + "k", 0);
        KeyValue again = store.create(prefix + "k", bytes("x"));
        assertEquals(1, again.version());
        assertEquals(again.modRevision(), again.createRevision());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void updateAndDeleteAreCompareAndSwapOnTheModRevision(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        KeyValue v1 = store.create(prefix + "k", bytes("1"));
        KeyValue v2 = store.update(prefix + "k", bytes("2"), v1.modRevision());

        ConflictException stale = assertThrows(ConflictException.class,
                () -> store.update(prefix + "k", bytes("3"), v1.modRevision()));
        assertEquals(v2.modRevision(), stale.actualModRevision());
        assertThrows(ConflictException.class, () -> store.delete(prefix + "k", v1.modRevision()));
        assertEquals("2", store.get(prefix + "k").orElseThrow().valueAsString());
        KeyValue v3 = store.update(prefix + "k", bytes("3"), 0);
        assertEquals(3, v3.version(), "0 means unconditionally");
        assertEquals(v3.modRevision(), store.delete(prefix + "k", v3.modRevision()).modRevision());
        assertThrows(KeyNotFoundException.class, () -> store.update(prefix + "missing", bytes("x"), 0));
        assertThrows(KeyNotFoundException.class, () -> store.delete(prefix + "missing", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void eightThreadsTimesFiveHundredCompareAndSwapIncrementsMakeExactly4000(StoreUnderTest.Kind kind)
            throws Exception {
        Store store = open(kind);
        String counter = prefix + "counter";
        store.create(counter, bytes("0"));
        runConcurrently(8, writer -> {
            for (int i = 0; i < 500; i++) {
                while (true) {
                    KeyValue kv = store.get(counter).orElseThrow();
                    try {
                        store.update(counter, bytes(Integer.toString(Integer.parseInt(kv.valueAsString()) + 1)),
                                kv.modRevision());
                        break;
                    } catch (ConflictException retry) {
                        // another writer won; read again
                    }
                }
            }
        });
        KeyValue result = store.get(counter).orElseThrow();
        assertEquals("4000", result.valueAsString());
        assertEquals(4001, result.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aWatchStartsExactlyAfterItsRevisionAndCarriesPreviousValues(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        KeyValue a = store.create(prefix + "a", bytes("1"));
        store.update(prefix + "a", bytes("2"), 0);
        store.create("/registry/conformance-elsewhere/" + UUID.randomUUID(), bytes("not under the prefix"));
        Recorder recorder = new Recorder();
        try (Watch w = store.watch(prefix, a.modRevision(), recorder)) {
            store.delete(prefix + "a", 0);
            store.create(prefix + "b", bytes("3"));

            WatchEvent update = recorder.next();
            assertEquals(WatchEvent.Type.PUT, update.type());
            assertEquals(a.modRevision() + 1, update.revision(), "the first event is the one after the start");
            assertEquals("2", update.current().valueAsString());
            assertEquals("1", update.previous().valueAsString());
            WatchEvent delete = recorder.next();
            assertEquals(WatchEvent.Type.DELETE, delete.type());
            assertEquals(prefix + "a", delete.current().key());
            assertEquals("2", delete.previous().valueAsString());
            WatchEvent create = recorder.next();
            assertEquals(prefix + "b", create.current().key());
            assertNull(create.previous());
            assertTrue(update.revision() < delete.revision() && delete.revision() < create.revision());
            assertNull(recorder.events.poll(200, TimeUnit.MILLISECONDS), "nothing from outside the prefix");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aWatchSeesTenThousandConcurrentWritesInOrderWithoutGaps(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        Recorder recorder = new Recorder();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (Watch w = store.watch(prefix, store.currentRevision(), recorder)) {
            runConcurrently(4, writer -> {
                for (int i = 0; i < 2500; i++) {
                    acknowledged.add(store.create(prefix + writer + "/" + i, bytes("v")).modRevision());
                }
            });
            long last = 0;
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                WatchEvent e = recorder.next();
                assertTrue(e.revision() > last, "revision order: " + e.revision() + " after " + last);
                last = e.revision();
                seen.add(e.revision());
            }
            assertEquals(acknowledged, seen, "every acknowledged write, each once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void rangePagesOverTenThousandKeysReadOneSnapshotWhileWritesContinue(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        runConcurrently(8, writer -> {
            for (int i = writer; i < 10_000; i += 8) {
                store.create(key(i), bytes("original-" + i));
            }
        });
        RangeResult first = store.range(prefix, 500, null, 0);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService churn = Executors.newSingleThreadExecutor();
        Future<?> churning = churn.submit(() -> {
            for (int i = 0; writing.get() && i < 5_000; i++) {
                store.update(key(i), bytes("changed"), 0);
                store.delete(key(9_999 - i), 0);
                store.create(key(i) + "-new", bytes("new"));
            }
            return null;
        });
        try {
            List<KeyValue> all = new ArrayList<>(first.items());
            RangeResult page = first;
            while (page.more()) {
                page = store.range(prefix, 500, page.lastKey(), first.revision());
                assertEquals(first.revision(), page.revision());
                assertTrue(page.items().size() <= 500);
                all.addAll(page.items());
            }
            assertEquals(10_000, all.size(), "the snapshot's keys, no more, no fewer");
            for (KeyValue kv : all) {
                assertTrue(kv.valueAsString().startsWith("original-"), "value as of the snapshot: " + kv.key());
                assertTrue(kv.modRevision() <= first.revision());
            }
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i - 1).key().compareTo(all.get(i).key()) < 0, "ascending key order");
            }
        } finally {
            writing.set(false);
            churning.get(120, TimeUnit.SECONDS);
            churn.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void compactionDiscardsHistoryButNeverCurrentValues(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        KeyValue v1 = store.create(prefix + "k", bytes("1"));
        KeyValue v2 = store.update(prefix + "k", bytes("2"), 0);
        store.update(prefix + "k", bytes("3"), 0);
        store.create(prefix + "other", bytes("x"));
        store.compact(v2.modRevision());

        assertTrue(store.compactedRevision() >= v2.modRevision());
        CompactedException oldRead = assertThrows(CompactedException.class,
                () -> store.range(prefix, 0, null, v1.modRevision()));
        assertTrue(oldRead.compactedRevision() >= v2.modRevision());
        assertThrows(CompactedException.class, () -> store.watch(prefix, v1.modRevision(), new Recorder()));
        assertEquals("2", store.range(prefix, 0, null, v2.modRevision()).items().get(0).valueAsString(),
                "the compacted revision itself is still readable");
        assertEquals("3", store.get(prefix + "k").orElseThrow().valueAsString());
        assertEquals(2, store.range(prefix, 0, null, 0).items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRevisionInTheFutureIsAnErrorButNotCompacted(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        store.create(prefix + "k", bytes("1"));
        StoreException future = assertThrows(StoreException.class,
                () -> store.range(prefix, 0, null, store.currentRevision() + 1000));
        assertFalse(future instanceof CompactedException);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void oneMebibyteValuesRoundTrip(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.create(prefix + "big", big);
        assertArrayEquals(big, store.get(prefix + "big").orElseThrow().value());
        big[0]++;
        store.update(prefix + "big", big, 0);
        assertArrayEquals(big, store.range(prefix, 0, null, 0).items().get(0).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void unicodeKeysRoundTripAndRangeByTheirPrefix(StoreUnderTest.Kind kind) throws Exception {
        Store store = open(kind);
        String ns = prefix + "configmaps/默认/";
        store.create(ns + "ключ-🔑", bytes("a"));
        store.create(ns + "clé", bytes("b"));
        store.create(prefix + "configmaps/other/x", bytes("c"));
        assertEquals("a", store.get(ns + "ключ-🔑").orElseThrow().valueAsString());
        List<String> keys = store.range(ns, 0, null, 0).items().stream().map(KeyValue::key).toList();
        assertEquals(List.of(ns + "clé", ns + "ключ-🔑"), keys);
    }

    private String key(int i) {
        return prefix + String.format("pods/p%05d", i);
    }

    private interface Writer {
        void run(int writer) throws Exception;
    }

    private static void runConcurrently(int threads, Writer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    body.run(writer);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static final class Recorder implements WatchListener {
        final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(WatchEvent event) {
            events.add(event);
        }

        WatchEvent next() throws InterruptedException {
            WatchEvent e = events.poll(30, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no watch event within 30 s");
            }
            return e;
        }
    }
}
