package org.kybern.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;

class EmbeddedStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedStoreRefusesWatchesAndWritesRatherThanIgnoringThem() throws Exception {
        EmbeddedStore store = EmbeddedStore.open(dir, 100, 1 << 20);
        store.deactivate();

        StoreException watch = assertThrows(StoreException.class, () -> store.watch("/registry/", 0, event -> { }));
        assertTrue(watch.getMessage().contains("stopping"), watch.getMessage());
        assertThrows(StoreException.class, () -> store.create("/registry/a", "1".getBytes(UTF_8)));
    }

    @Test
    void everyAcknowledgedChangeIsThereAfterReopening() throws Exception {
        EmbeddedStore store = StoreFiles.open(dir);
        KeyValue a = store.create("/a", bytes("1"));
        store.update("/a", bytes("2"), a.modRevision());
        store.create("/b", bytes("3"));
        store.delete("/b", 0);
        store.create("/c", bytes("4"));
        long revision = store.currentRevision();
        store.deactivate();

        EmbeddedStore reopened = StoreFiles.open(dir);
        try {
            assertEquals(revision, reopened.currentRevision());
            KeyValue a2 = reopened.get("/a").orElseThrow();
            assertEquals("2", a2.valueAsString());
            assertEquals(2, a2.version());
            assertEquals(a.createRevision(), a2.createRevision());
            assertTrue(reopened.get("/b").isEmpty());
            assertEquals(List.of("/a", "/c"), keys(reopened));
            KeyValue c = reopened.create("/d", bytes("5"));
            assertEquals(revision + 1, c.modRevision(), "revisions continue after a restart");
        } finally {
            reopened.deactivate();
        }
    }

    @Test
    void aTornLastWriteIsCutOffAndEverythingBeforeItKept() throws Exception {
        EmbeddedStore store = StoreFiles.open(dir);
        for (int i = 0; i < 100; i++) {
            store.create("/k/" + i, bytes("v" + i));
        }
        store.deactivate();
        // Power loss in the middle of the next write: only part of its record reached the disk.
        Path segment = lastSegment();
        long intact = Files.size(segment);
        byte[] partial = new byte[] {0, 0, 0, 60, 1, 2, 3, 4, 1, 0, 0, 0};
        Files.write(segment, partial, StandardOpenOption.APPEND);

        EmbeddedStore reopened = StoreFiles.open(dir);
        try {
            assertEquals(100, reopened.currentRevision());
            assertEquals(100, keys(reopened).size());
            assertEquals(intact, Files.size(segment), "the torn bytes are cut off");
            reopened.create("/after", bytes("x"));
        } finally {
            reopened.deactivate();
        }
        EmbeddedStore again = StoreFiles.open(dir);
        try {
            assertEquals(101, again.currentRevision());
            assertEquals("x", again.get("/after").orElseThrow().valueAsString());
        } finally {
            again.deactivate();
        }
    }

    @Test
    void aSnapshotLetsOldSegmentsGoAndTheStoreRestartsFromIt() throws Exception {
        EmbeddedStore store = StoreFiles.open(dir, 4096);
        for (int i = 0; i < 300; i++) {
            store.create("/s/" + i, bytes("value-" + i));
        }
        store.delete("/s/7", 0);
        int segmentsBefore = count("wal-");
        store.snapshotIfDue();
        store.create("/s/after-snapshot", bytes("y"));
        assertEquals(1, count("snapshot-"));
        assertTrue(count("wal-") < segmentsBefore || segmentsBefore == 1, "old segments removed");
        long revision = store.currentRevision();
        store.deactivate();

        EmbeddedStore reopened = StoreFiles.open(dir, 4096);
        try {
            assertEquals(revision, reopened.currentRevision());
            assertEquals(300, keys(reopened).size());
            assertTrue(reopened.get("/s/7").isEmpty());
            assertEquals("value-299", reopened.get("/s/299").orElseThrow().valueAsString());
            assertEquals(301, reopened.compactedRevision(), "history before the snapshot is gone");
        } finally {
            reopened.deactivate();
        }
    }

    @Test
    void damageInsideTheLastSegmentIsNotMistakenForATornWrite() throws Exception {
        writeTenKeysAndDamageTheLogAt(100); // inside an early record; acknowledged ones follow
        StoreException e = assertThrows(StoreException.class, () -> StoreFiles.open(dir));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void damageBeforeTheEndOfTheLogStopsTheStartWithAClearMessage() throws Exception {
        Path segment = writeTenKeysAndDamageTheLogAt(20); // inside the first record
        Files.createFile(dir.resolve("wal-99999999999999999999.log")); // a later segment exists

        StoreException e = assertThrows(StoreException.class, () -> StoreFiles.open(dir));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(segment.getFileName().toString()),
                e.getMessage());
    }

    @Test
    void concurrentWritersLoseNothingAcrossARestart() throws Exception {
        EmbeddedStore store = StoreFiles.open(dir);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String writer = "/w" + t + "/";
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.create(writer + i, bytes(writer + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            store.deactivate();
        }
        EmbeddedStore reopened = StoreFiles.open(dir);
        try {
            assertEquals(4000, reopened.currentRevision());
            List<KeyValue> all = reopened.range("/", 0, null, 0).items();
            assertEquals(4000, all.size());
            assertTrue(all.stream().allMatch(kv -> kv.valueAsString().equals(kv.key())));
        } finally {
            reopened.deactivate();
        }
    }

    /** Writes ten keys, closes the store and overwrites one byte of its log; returns the log file. */
    private Path writeTenKeysAndDamageTheLogAt(long position) throws Exception {
        EmbeddedStore store = StoreFiles.open(dir);
        for (int i = 0; i < 10; i++) {
            store.create("/d/" + i, bytes("v"));
        }
        store.deactivate();
        Path segment = lastSegment();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), position);
        }
        return segment;
    }

    private static List<String> keys(EmbeddedStore store) {
        return store.range("/", 0, null, 0).items().stream().map(KeyValue::key).toList();
    }

    private Path lastSegment() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("wal-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    private int count(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
