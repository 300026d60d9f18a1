package org.kybern.store.internal;

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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A multi-version key/value store held in memory, with etcd's revision semantics.
 *
 * <p>Every key keeps its versions (and delete tombstones) since the compacted revision, so reads
 * at a past revision and watches from a past revision are exact. Writes are serialised by one
 * lock; that keeps the global revision order trivially correct and is fast enough for a single
 * API server.
 */
@Component(service = Store.class, property = Store.TYPE_PROPERTY + "=embedded",
        configurationPid = MemoryStore.PID)
@Designate(ocd = EmbeddedStoreConfig.class)
public final class MemoryStore implements Store {

    static final String PID = "org.kybern.store.embedded";

    private final Object lock = new Object();
    private final NavigableMap<String, KeyHistory> keys = new TreeMap<>();
    /** Every change after {@link #compacted}, in revision order. */
    private final Deque<WatchEvent> history = new ArrayDeque<>();
    private final List<StoreWatch> watches = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveryExecutor;
    private final int historyLimit;
    private long revision;
    private long compacted;

    @Activate
    public MemoryStore(EmbeddedStoreConfig config) {
        this(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kybern-store-watch");
            t.setDaemon(true);
            return t;
        }), config.watchHistory());
    }

    /**
     * @param deliveryExecutor runs watch deliveries; shut down by {@link #deactivate()}
     * @param historyLimit     changes kept for watches and past reads; older ones are compacted
     */
    MemoryStore(ExecutorService deliveryExecutor, int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
        }
        this.deliveryExecutor = deliveryExecutor;
        this.historyLimit = historyLimit;
    }

    /** Ends every watch (their owners see the store go away) and stops delivery threads. */
    @Deactivate
    void deactivate() throws InterruptedException {
        closeWatches(new StoreException("the embedded store is stopping"));
        deliveryExecutor.shutdown();
        if (!deliveryExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
            deliveryExecutor.shutdownNow();
        }
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Optional<KeyValue> get(String key) {
        synchronized (lock) {
            KeyHistory h = keys.get(key);
            return h == null ? Optional.empty() : Optional.ofNullable(h.latest());
        }
    }

    @Override
    public RangeResult range(String prefix, int limit, String startAfter, long atRevision) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        synchronized (lock) {
            long at = atRevision == 0 ? revision : atRevision;
            if (at > revision) {
                throw new StoreException("revision " + at + " is in the future (current " + revision + ")");
            }
            if (at < compacted) {
                throw new CompactedException(at, compacted);
            }
            NavigableMap<String, KeyHistory> candidates = startAfter == null
                    ? keys.tailMap(prefix, true)
                    : keys.tailMap(startAfter.compareTo(prefix) < 0 ? prefix : startAfter,
                            startAfter.compareTo(prefix) < 0);
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
        synchronized (lock) {
            KeyHistory h = keys.get(key);
            if (h != null && h.latest() != null) {
                throw new KeyExistsException(key);
            }
            long rev = ++revision;
            KeyValue kv = new KeyValue(key, value.clone(), rev, rev, 1);
            if (h == null) {
                h = new KeyHistory();
                keys.put(key, h);
            }
            h.add(rev, kv);
            record(new WatchEvent(WatchEvent.Type.PUT, kv, null));
            return kv;
        }
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        requireKey(key);
        synchronized (lock) {
            KeyValue prev = current(key);
            checkExpected(key, prev, expectedModRevision);
            long rev = ++revision;
            KeyValue kv = new KeyValue(key, value.clone(), prev.createRevision(), rev, prev.version() + 1);
            keys.get(key).add(rev, kv);
            record(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
            return kv;
        }
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        requireKey(key);
        synchronized (lock) {
            KeyValue prev = current(key);
            checkExpected(key, prev, expectedModRevision);
            long rev = ++revision;
            keys.get(key).add(rev, null);
            record(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, rev, 0), prev));
            return prev;
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        synchronized (lock) {
            long after = afterRevision == 0 ? revision : afterRevision;
            if (after < compacted) {
                throw new CompactedException(after, compacted);
            }
            StoreWatch watch = new StoreWatch(prefix, listener, deliveryExecutor, watches::remove);
            for (WatchEvent e : history) {
                if (e.revision() > after && e.current().key().startsWith(prefix)) {
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
            if (toRevision > revision) {
                throw new StoreException("cannot compact to " + toRevision + ": current revision is " + revision);
            }
            if (toRevision <= compacted) {
                return;
            }
            compactTo(toRevision);
        }
    }

    @Override
    public long currentRevision() {
        synchronized (lock) {
            return revision;
        }
    }

    @Override
    public long compactedRevision() {
        synchronized (lock) {
            return compacted;
        }
    }

    /** Ends every watch; used when the store goes away. */
    void closeWatches(StoreException cause) {
        for (StoreWatch w : watches) {
            w.end(cause);
        }
    }

    private void record(WatchEvent event) {
        history.addLast(event);
        for (StoreWatch w : watches) {
            if (event.current().key().startsWith(w.prefix())) {
                w.offer(event);
            }
        }
        if (revision - compacted > historyLimit) {
            // Compact in batches: history holds exactly one event per revision after `compacted`.
            compactTo(revision - (long) historyLimit * 3 / 4);
        }
    }

    private void compactTo(long toRevision) {
        while (!history.isEmpty() && history.peekFirst().revision() <= toRevision) {
            history.removeFirst();
        }
        keys.values().removeIf(h -> h.compact(toRevision));
        compacted = toRevision;
    }

    private KeyValue current(String key) {
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
