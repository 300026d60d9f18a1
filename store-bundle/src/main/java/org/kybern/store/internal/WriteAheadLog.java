package org.kybern.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's durability: an append-only log of changes with group commit, and
 * snapshots that let old log segments go.
 *
 * <p>Files in the data directory: {@code wal-<first revision>.log} segments of
 * {@link JournalRecords records}, and {@code snapshot-<revision>.snap}, every live key-value as
 * of that revision. A change is durable once its record is written and the segment forced to
 * disk; writers waiting at the same time share one force ("group commit"). At start-up the newest
 * snapshot is loaded and the segments after it replayed; a torn record at the end of the last
 * segment (a write cut short by a crash or power loss, never acknowledged) is cut off.
 */
final class WriteAheadLog implements Journal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final String SEGMENT = "wal-";
    private static final String SNAPSHOT = "snapshot-";
    private static final byte[] SNAPSHOT_MAGIC = "KYBSNAP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path dir;
    private final long segmentBytes;
    private final Object bufferLock = new Object();
    /** Guards {@link #ioBusy}: whether a thread is writing to or switching the segment. */
    private final Object ioMonitor = new Object();
    private boolean ioBusy;
    /** Records appended and not yet written; guarded by {@link #bufferLock}. */
    private Batch buffer = new Batch();
    /** The buffer the last group commit wrote, emptied, to take the place of the next one's. */
    private Batch spare = new Batch();
    private long appendedRevision;
    private volatile long durableRevision;
    /** Set when writing the log failed: the store then refuses to acknowledge anything more. */
    private volatile IOException failure;
    private FileChannel segment;
    private long segmentSize;

    /**
     * @param dir          the data directory (created if missing)
     * @param segmentBytes after this many bytes in a segment, {@link #snapshotDue()} says so
     */
    WriteAheadLog(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    // --- start-up ---------------------------------------------------------------------------

    /** Loads the newest snapshot and replays the log into {@code store}, then opens the log for appending. */
    void recoverInto(RevisionedStore store) throws IOException {
        Files.createDirectories(dir);
        deleteLeftoverTemporaryFiles();
        long snapshotRevision = loadNewestSnapshot(store);
        long last = snapshotRevision;
        List<Path> segments = files(SEGMENT, ".log");
        for (int i = 0; i < segments.size(); i++) {
            boolean lastSegment = i == segments.size() - 1;
            last = replay(segments.get(i), lastSegment, store, last);
        }
        appendedRevision = last;
        durableRevision = last;
        openSegment(last + 1);
        LOG.info("Embedded store recovered from {}: revision {} (snapshot at {}, {} log segment(s))",
                dir, last, snapshotRevision, segments.size());
    }

    private long loadNewestSnapshot(RevisionedStore store) throws IOException {
        List<Path> snapshots = files(SNAPSHOT, ".snap");
        if (snapshots.isEmpty()) {
            return 0;
        }
        Path newest = snapshots.get(snapshots.size() - 1);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(newest));
        byte[] magic = new byte[SNAPSHOT_MAGIC.length];
        if (in.remaining() < magic.length + 16) {
            throw corrupt(newest, "too short for a snapshot header");
        }
        in.get(magic);
        if (!java.util.Arrays.equals(magic, SNAPSHOT_MAGIC)) {
            throw corrupt(newest, "not a Kybern store snapshot");
        }
        long revision = in.getLong();
        long count = in.getLong();
        List<KeyValue> live = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            JournalRecords.Decoded record = JournalRecords.read(in);
            if (record == null) {
                throw corrupt(newest, "record " + i + " of " + count + " is damaged");
            }
            live.add(record.keyValue());
        }
        store.restore(revision, live);
        return revision;
    }

    /** Replays one segment's records after {@code after}; returns the last revision replayed. */
    private long replay(Path file, boolean lastSegment, RevisionedStore store, long after) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        long last = after;
        while (in.hasRemaining()) {
            JournalRecords.Decoded record = JournalRecords.read(in);
            if (record == null) {
                if (!lastSegment || !tornTail(in)) {
                    throw corrupt(file, "damaged record at byte " + in.position() + " before the end of the log");
                }
                LOG.warn("Embedded store: cutting {} bytes of an incomplete last write from {}",
                        in.remaining(), file.getFileName());
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(in.position());
                    ch.force(true);
                }
                break;
            }
            long revision = record.keyValue().modRevision();
            if (revision <= last) {
                continue; // already in the snapshot
            }
            if (revision != last + 1) {
                throw corrupt(file, "revision " + revision + " follows " + last);
            }
            store.replay(record.eventType(), record.keyValue());
            last = revision;
        }
        return last;
    }

    /**
     * Whether the bad bytes at the buffer's position are a write cut short (never acknowledged),
     * not damage to acknowledged data: a header or record that runs past the end of the file, or
     * nothing but zeros to the end. A whole record with a bad checksum followed by more data is damage.
     */
    private static boolean tornTail(ByteBuffer in) {
        ByteBuffer rest = in.slice();
        if (rest.remaining() < 8) {
            return true;
        }
        boolean zeros = true;
        for (int i = 0; i < rest.remaining() && zeros; i++) {
            zeros = rest.get(i) == 0;
        }
        if (zeros) {
            return true;
        }
        int length = rest.getInt(0);
        return length >= 0 && (long) length + 8 >= rest.remaining();
    }

    // --- writing ----------------------------------------------------------------------------

    @Override
    public void append(WatchEvent change) {
        synchronized (bufferLock) {
            JournalRecords.write(change, buffer);
            appendedRevision = change.revision();
        }
    }

    @Override
    public void sync(long revision) throws IOException {
        if (durableRevision >= revision) {
            return;
        }
        failIfBroken();
        // Group commit: one writer at a time writes and forces everything appended so far; the
        // others wait, and most find their record was in that batch.
        exclusively(() -> {
            if (durableRevision >= revision) {
                return;
            }
            Batch batch;
            long upTo;
            synchronized (bufferLock) {
                batch = buffer;
                upTo = appendedRevision;
                buffer = spare;
            }
            try {
                failIfBroken();
                ByteBuffer bytes = batch.bytes();
                try {
                    while (bytes.hasRemaining()) {
                        segmentSize += segment.write(bytes);
                    }
                    segment.force(false);
                } catch (IOException e) {
                    // The batch may be partly on disk and is no longer queued: acknowledging anything
                    // after it would leave a hole. Stop acknowledging; a restart recovers what is intact.
                    failure = e;
                    throw e;
                }
            } finally {
                spare = batch.emptied();
            }
            durableRevision = upTo;
        }, revision);
    }

    private void failIfBroken() throws IOException {
        IOException broken = failure;
        if (broken != null) {
            throw new IOException("the embedded store's log failed earlier (" + broken.getMessage()
                    + "); no write is acknowledged until the store is restarted", broken);
        }
    }

    /**
     * Runs {@code io} while no other thread does I/O on the segment. Waiters are woken all at
     * once when it ends; with {@code untilDurable} > 0, a waiter whose revision became durable
     * meanwhile returns without running anything.
     */
    private void exclusively(IoAction io, long untilDurable) throws IOException {
        synchronized (ioMonitor) {
            while (ioBusy) {
                if (untilDurable > 0 && durableRevision >= untilDurable) {
                    return;
                }
                try {
                    ioMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the store's log");
                }
            }
            ioBusy = true;
        }
        try {
            io.run();
        } finally {
            synchronized (ioMonitor) {
                ioBusy = false;
                ioMonitor.notifyAll();
            }
        }
    }

    /**
     * Appended records waiting for a group commit. Two take turns (one fills while the other is
     * written), so a commit neither allocates a buffer nor copies one: at one writer, a fresh 64 KiB
     * buffer per commit was a tenth of the request threads' CPU samples.
     */
    private static final class Batch extends ByteArrayOutputStream {
        private static final int INITIAL = 64 << 10;
        /** A batch grown past this (a store switch copies thousands of keys) is not kept. */
        private static final int KEPT = 1 << 20;

        Batch() {
            super(INITIAL);
        }

        /** The records, without copying them. */
        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        /** This batch empty, or a new one if this one grew too large to keep. */
        Batch emptied() {
            if (buf.length > KEPT) {
                return new Batch();
            }
            reset();
            return this;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Whether the current segment has grown past its size and a snapshot should start a new one. */
    boolean snapshotDue() {
        return segmentSize > segmentBytes;
    }

    /**
     * Writes a snapshot of {@code store} and starts a new segment after it, then deletes the
     * segments and snapshots the new snapshot makes unnecessary. Writes pause only while the
     * live values are collected, not while the snapshot is written.
     */
    void snapshot(RevisionedStore store) throws IOException {
        long[] at = new long[1];
        List<KeyValue> live = new ArrayList<>();
        store.withQuiescedState((revision, values) -> {
            at[0] = revision;
            live.addAll(values);
            exclusively(() -> {
                FileChannel previous = segment;
                openSegment(revision + 1); // if this fails, the current segment stays open and in use
                previous.close();
            }, 0);
        });
        Path tmp = dir.resolve(SNAPSHOT + String.format("%020d", at[0]) + ".tmp");
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (KeyValue kv : live) {
            JournalRecords.write(JournalRecords.PUT, kv, records);
        }
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(SNAPSHOT_MAGIC.length + 16)
                    .put(SNAPSHOT_MAGIC).putLong(at[0]).putLong(live.size()).flip();
            writeFully(out, header);
            writeFully(out, ByteBuffer.wrap(records.toByteArray()));
            out.force(true);
        }
        Path snapshot = dir.resolve(SNAPSHOT + String.format("%020d", at[0]) + ".snap");
        moveAtomically(tmp, snapshot);
        forceDirectory();
        for (Path old : files(SNAPSHOT, ".snap")) {
            if (revisionOf(old) < at[0]) {
                Files.delete(old);
            }
        }
        for (Path old : files(SEGMENT, ".log")) {
            if (revisionOf(old) <= at[0]) {
                Files.delete(old);
            }
        }
        LOG.info("Embedded store: snapshot at revision {} ({} keys); older log segments removed", at[0], live.size());
    }

    @Override
    public void close() throws IOException {
        exclusively(() -> {
            if (segment != null) {
                segment.close();
            }
        }, 0);
    }

    // --- files ------------------------------------------------------------------------------

    private void openSegment(long firstRevision) throws IOException {
        Path file = dir.resolve(SEGMENT + String.format("%020d", firstRevision) + ".log");
        segment = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segmentSize = segment.size();
        forceDirectory();
    }

    private List<Path> files(String prefix, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private void deleteLeftoverTemporaryFiles() throws IOException {
        for (Path tmp : files(SNAPSHOT, ".tmp")) {
            Files.delete(tmp);
        }
    }

    private static long revisionOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('-') + 1, name.lastIndexOf('.')));
    }

    /** Makes file creations, renames and deletions in the directory durable. */
    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store directory's file system cannot rename atomically: " + from.getParent(), e);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static StoreException corrupt(Path file, String what) {
        return new StoreException("the embedded store's file " + file + " is damaged (" + what
                + "); the store cannot start without losing data. Keep a copy of " + file.getParent()
                + " and restore it from a backup, or move it away to start empty.");
    }
}
