package org.kybern.store.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * A multi-version key/value store with etcd's revision semantics, made durable by a
 * {@link Journal}.
 *
 * <p>Every key keeps its versions (and delete tombstones) since the compacted revision, so reads
 * at a past revision and watches from a past revision are exact. Writes are serialised by one
 * lock, which keeps the global revision order trivially correct.
 *
 * <p>Durability without losing throughput: a write is validated, given the next revision and
 * handed to the journal under the lock, then waits outside the lock until the journal has it on
 * disk (concurrent writers share one fsync). Reads, watches and {@link #currentRevision()} see
 * the store only up to the <em>visible</em> revision, the highest revision known to be on disk,
 * so nobody ever observes a write that a crash could take back.
 */
class RevisionedStore implements Store {

    private final Object lock = new Object();
    private final NavigableMap<String, KeyHistory> keys = new TreeMap<>();
    /** Every change after {@link #compacted}, in revision order (including not yet visible ones). */
    private final Deque<WatchEvent> history = new ArrayDeque<>();
    /** Changes on their way to disk, in revision order; published to watches once durable. */
    private final Deque<WatchEvent> unpublished = new ArrayDeque<>();
    private final List<StoreWatch> watches = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveryExecutor;
    private final int historyLimit;
    private final Journal journal;
    /** The last revision handed out. */
    private long revision;
    /** The last revision known durable: what readers see. */
    private long visible;
    /** Set by {@link #close()}: from then on no write or watch is taken (guarded by {@code lock}). */
    private boolean closed;
    private long compacted;

    /**
     * @param deliveryExecutor runs watch deliveries; shut down by {@link #close()}
     * @param historyLimit     changes kept for watches and past reads; older ones are compacted
     * @param journal          makes writes durable; {@link Journal#NONE} keeps them in memory only
     */
    RevisionedStore(ExecutorService deliveryExecutor, int historyLimit, Journal journal) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
        }
        this.deliveryExecutor = deliveryExecutor;
        this.historyLimit = historyLimit;
        this.journal = journal;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Optional<KeyValue> get(String key) {
        synchronized (lock) {
            KeyHistory h = keys.get(key);
            return h == null ? Optional.empty() : Optional.ofNullable(h.at(visible));
        }
    }

    @Override
    public RangeResult range(String prefix, int limit, String startAfter, long atRevision) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        synchronized (lock) {
            long at = atRevision == 0 ? visible : atRevision;
            if (at > visible) {
                throw new StoreException("revision " + at + " is in the future (current " + visible + ")");
            }
            if (at < compacted) {
                throw new CompactedException(at, compacted);
            }
            boolean afterKey = startAfter != null && startAfter.compareTo(prefix) >= 0;
            NavigableMap<String, KeyHistory> candidates = afterKey
                    ? keys.tailMap(startAfter, false)
                    : keys.tailMap(prefix, true);
            List<KeyValue> items = new ArrayList<>();
            boolean more = false;
            for (Map.Entry<String, KeyHistory> e : candidates.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                KeyValue kv = e.getValue().at(at);
                if (kv == null) {
                    continue;
                }
                if (limit > 0 && items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(kv);
            }
            return new RangeResult(items, at, more);
        }
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        requireKey(key);
        return commit(() -> {
            KeyHistory h = keys.get(key);
            if (h != null && h.latest() != null) {
                throw new KeyExistsException(key);
            }
            long rev = revision + 1;
            return new WatchEvent(WatchEvent.Type.PUT, new KeyValue(key, value.clone(), rev, rev, 1), null);
        }).current();
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        requireKey(key);
        return commit(() -> {
            KeyValue prev = latest(key);
            checkExpected(key, prev, expectedModRevision);
            return new WatchEvent(WatchEvent.Type.PUT,
                    new KeyValue(key, value.clone(), prev.createRevision(), revision + 1, prev.version() + 1), prev);
        }).current();
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        requireKey(key);
        return commit(() -> {
            KeyValue prev = latest(key);
            checkExpected(key, prev, expectedModRevision);
            return new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, revision + 1, 0), prev);
        }).previous();
    }

    /**
     * Checks and applies one change under the lock, then waits outside it until the change is
     * durable. A refused change (conflict, exists, not found) waits too, until the changes that
     * refused it are durable, so the caller's next read sees them instead of retrying in vain.
     */
    private WatchEvent commit(Supplier<WatchEvent> checkedChange) {
        WatchEvent written = null;
        StoreException refused = null;
        long seen;
        synchronized (lock) {
            try {
                requireOpen();
                written = checkedChange.get();
                write(written);
            } catch (StoreException e) {
                refused = e;
            }
            seen = revision;
        }
        awaitDurable(written != null ? written.revision() : seen);
        if (refused != null) {
            throw refused;
        }
        return written;
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        synchronized (lock) {
            requireOpen(); // a watch opened now would never hear of a change, nor of its end
            long after = afterRevision == 0 ? visible : afterRevision;
            if (after < compacted) {
                throw new CompactedException(after, compacted);
            }
            if (after > visible) {
                throw new StoreException("revision " + after + " is in the future (current " + visible + ")");
            }
            StoreWatch watch = new StoreWatch(prefix, listener, deliveryExecutor, watches::remove);
            for (WatchEvent e : history) {
                if (e.revision() > after && e.revision() <= visible && e.current().key().startsWith(prefix)) {
                    watch.offer(e);
                }
            }
            watches.add(watch);
            return watch;
        }
    }

    @Override
    public void compact(long toRevision) {
        synchronized (lock) {
            if (toRevision > visible) {
                throw new StoreException("cannot compact to " + toRevision + ": current revision is " + visible);
            }
            if (toRevision > compacted) {
                compactTo(toRevision);
            }
        }
    }

    @Override
    public long currentRevision() {
        synchronized (lock) {
            return visible;
        }
    }

    @Override
    public long compactedRevision() {
        synchronized (lock) {
            return compacted;
        }
    }

    /**
     * Re-applies a change read back from disk at start-up, before the store is used: no checks,
     * no journal, visible at once.
     *
     * @param type    put or delete
     * @param written for a put the key-value as written; for a delete the key and the delete's revision
     */
    void replay(WatchEvent.Type type, KeyValue written) {
        synchronized (lock) {
            if (written.modRevision() <= revision) {
                throw new StoreException("journal out of order: revision " + written.modRevision()
                        + " after " + revision);
            }
            KeyHistory h = keys.get(written.key());
            KeyValue prev = h == null ? null : h.latest();
            apply(new WatchEvent(type, written, prev));
            visible = revision;
        }
    }

    /** Starts the store at a snapshot: every key as of {@code snapshotRevision}, no history before it. */
    void restore(long snapshotRevision, List<KeyValue> snapshot) {
        synchronized (lock) {
            if (revision != 0) {
                throw new IllegalStateException("restore only into an empty store");
            }
            for (KeyValue kv : snapshot) {
                keys.computeIfAbsent(kv.key(), k -> new KeyHistory()).add(kv.modRevision(), kv);
            }
            revision = snapshotRevision;
            visible = snapshotRevision;
            compacted = snapshotRevision;
        }
    }

    /**
     * Runs {@code action} with the store's current live values while no write can start; the
     * journal has everything written so far on disk first.
     */
    void withQuiescedState(SnapshotAction action) throws IOException {
        synchronized (lock) {
            journal.sync(revision);
            List<KeyValue> live = new ArrayList<>();
            for (KeyHistory h : keys.values()) {
                KeyValue kv = h.latest();
                if (kv != null) {
                    live.add(kv);
                }
            }
            action.run(revision, live);
        }
    }

    /** What {@link #withQuiescedState} hands out. */
    interface SnapshotAction {
        void run(long revision, List<KeyValue> live) throws IOException;
    }

    /** Ends every watch (their owners hear why) and stops the delivery threads. */
    void close() throws InterruptedException {
        synchronized (lock) {
            closed = true;
        }
        for (StoreWatch w : watches) {
            w.end(new StoreException("the embedded store is stopping"));
        }
        deliveryExecutor.shutdown();
        if (!deliveryExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
            deliveryExecutor.shutdownNow();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the embedded store is stopping");
        }
    }

    /** Gives the change the next revision, applies it as pending and hands it to the journal. */
    private void write(WatchEvent change) {
        apply(change);
        unpublished.addLast(change);
        journal.append(change);
    }

    private void apply(WatchEvent change) {
        revision = change.revision();
        KeyHistory h = keys.computeIfAbsent(change.current().key(), k -> new KeyHistory());
        h.add(revision, change.type() == WatchEvent.Type.PUT ? change.current() : null);
        history.addLast(change);
        if (revision - compacted > historyLimit) {
            // Compact in batches: history holds exactly one change per revision after `compacted`.
            long target = Math.min(visible, revision - (long) historyLimit * 3 / 4);
            if (target > compacted) {
                compactTo(target);
            }
        }
    }

    /** Waits until the journal has {@code rev} on disk, then makes everything durable visible. */
    private void awaitDurable(long rev) {
        try {
            journal.sync(rev);
        } catch (IOException e) {
            throw new StoreException("the write at revision " + rev + " may not be durable: " + e.getMessage(), e);
        }
        synchronized (lock) {
            while (!unpublished.isEmpty() && unpublished.peekFirst().revision() <= rev) {
                WatchEvent e = unpublished.removeFirst();
                visible = e.revision();
                for (StoreWatch w : watches) {
                    if (e.current().key().startsWith(w.prefix())) {
                        w.offer(e);
                    }
                }
            }
        }
    }

    private void compactTo(long toRevision) {
        while (!history.isEmpty() && history.peekFirst().revision() <= toRevision) {
            history.removeFirst();
        }
        keys.values().removeIf(h -> h.compact(toRevision));
        compacted = toRevision;
    }

    private KeyValue latest(String key) {
        KeyHistory h = keys.get(key);
        KeyValue kv = h == null ? null : h.latest();
        if (kv == null) {
            throw new KeyNotFoundException(key);
        }
        return kv;
    }

    private static void checkExpected(String key, KeyValue prev, long expectedModRevision) {
        if (expectedModRevision != 0 && prev.modRevision() != expectedModRevision) {
            throw new ConflictException(key, expectedModRevision, prev.modRevision());
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
    }
}
