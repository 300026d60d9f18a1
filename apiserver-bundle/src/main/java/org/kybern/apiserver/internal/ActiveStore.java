package org.kybern.apiserver.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.ForwardingStore;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store the API server serves from: the one its configuration names ({@code store=embedded}
 * or {@code store=etcd}), switched while the cluster runs.
 *
 * <p>A switch copies a consistent snapshot of every {@code /registry} key from the old store to
 * the new one while writes wait (they are paused, not failed), then serves from the new store.
 * Revisions differ between stores, so every open watch ends with {@link CompactedException}
 * (the API answers 410 Gone) and its client re-lists. Registered as a {@link Store} with
 * {@code kybern.store=active}.
 */
@Component(service = {ActiveStore.class, Store.class}, property = Store.TYPE_PROPERTY + "=" + ActiveStore.NAME,
        configurationPid = ActiveStore.PID)
@Designate(ocd = ApiServerConfig.class)
public final class ActiveStore extends ForwardingStore {

    static final String NAME = "active";
    public static final String PID = "org.kybern.apiserver";
    static final String ROOT = "/registry";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveStore.class);
    private static final int COPY_PAGE = 1000;
    private static final int COPY_THREADS = 32;

    /** Implementations by name; never this service itself. */
    private final Map<String, Store> available = new ConcurrentHashMap<>();
    /** Writes hold the read side; a switch holds the write side, so writes pause while it copies. */
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock(true);
    private final Set<SwitchedWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile String desired;
    private volatile Store active;
    private volatile SwitchReport lastSwitch;

    /** What one switch did. */
    public record SwitchReport(String from, String to, long copied, long deleted, Duration pause) {
        @Override
        public String toString() {
            return "switched the store from " + from + " to " + to + ": " + copied + " objects copied, "
                    + deleted + " stale ones removed, writes paused " + pause.toMillis() + " ms";
        }
    }

    @Activate
    public ActiveStore(ApiServerConfig config) {
        this.desired = config.store();
    }

    @Modified
    void modified(ApiServerConfig config) {
        desired = config.store();
        reconcile();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(" + Store.TYPE_PROPERTY + "=" + NAME + "))")
    void bindStore(Store store, Map<String, Object> properties) {
        available.put(String.valueOf(properties.get(Store.TYPE_PROPERTY)), store);
        reconcile();
    }

    synchronized void unbindStore(Store store, Map<String, Object> properties) {
        available.remove(String.valueOf(properties.get(Store.TYPE_PROPERTY)), store);
        if (active == store) {
            LOG.error("The active store ({}) went away; the API cannot serve until it or another store is back",
                    store.name());
            active = null;
            endWatches(new StoreException("the " + store.name() + " store went away"));
        }
        reconcile();
    }

    /** Brings the active store in line with the configured one, if that one is available. */
    synchronized void reconcile() {
        Store target = available.get(desired);
        if (target == null || target == active) {
            if (target == null && active != null && !active.name().equals(desired)) {
                LOG.warn("Store '{}' is configured but not available (installed: {}); still serving from {}",
                        desired, available.keySet(), active.name());
            }
            return;
        }
        try {
            switchTo(target);
        } catch (StoreException e) {
            LOG.error("Switching the store to '{}' failed; still serving from {}", desired,
                    active == null ? "nothing" : active.name(), e);
        }
    }

    /**
     * Switches to the named store now and reports what it did.
     *
     * @throws IllegalArgumentException if no store of that name is available
     */
    public synchronized SwitchReport switchTo(String name) {
        Store target = available.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no store named '" + name + "' is available (available: "
                    + available.keySet() + "). For etcd: feature:install kybern-store-etcd and configure "
                    + "org.kybern.store.etcd (endpoints).");
        }
        desired = name;
        if (target == active) {
            return new SwitchReport(name, name, 0, 0, Duration.ZERO);
        }
        return switchTo(target);
    }

    /** The name of the store being served from, or empty when none is. */
    public Optional<String> activeName() {
        Store s = active;
        return s == null ? Optional.empty() : Optional.of(s.name());
    }

    /** Names of the stores that could be switched to. */
    public Set<String> availableNames() {
        return Set.copyOf(available.keySet());
    }

    /** The last switch, if there was one. */
    public Optional<SwitchReport> lastSwitch() {
        return Optional.ofNullable(lastSwitch);
    }

    private SwitchReport switchTo(Store target) {
        Store from = active;
        if (from == null) {
            active = target;
            LOG.info("Serving from the {} store", target.name());
            return new SwitchReport("nothing", target.name(), 0, 0, Duration.ZERO);
        }
        long start = System.nanoTime();
        writes.writeLock().lock();
        try {
            long[] counts = copy(from, target);
            active = target;
            endWatches(new CompactedException(0, 0));
            SwitchReport report = new SwitchReport(from.name(), target.name(), counts[0], counts[1],
                    Duration.ofNanos(System.nanoTime() - start));
            lastSwitch = report;
            LOG.info("{}", report);
            return report;
        } finally {
            writes.writeLock().unlock();
        }
    }

    /**
     * Makes {@code to} hold exactly {@code from}'s keys and values; returns {copied, deleted}.
     * Keys are written by several threads at once, so a store with group commit (both have it)
     * makes many durable per sync and the write pause stays short.
     */
    private static long[] copy(Store from, Store to) {
        ExecutorService copiers = Executors.newFixedThreadPool(COPY_THREADS);
        try {
            Set<String> keys = new HashSet<>();
            RangeResult page = from.range(ROOT + "/", COPY_PAGE, null, 0);
            long snapshot = page.revision();
            while (true) {
                List<Callable<Void>> writes = new ArrayList<>();
                for (KeyValue kv : page.items()) {
                    keys.add(kv.key());
                    writes.add(() -> {
                        try {
                            to.create(kv.key(), kv.value());
                        } catch (KeyExistsException exists) {
                            to.update(kv.key(), kv.value(), 0);
                        }
                        return null;
                    });
                }
                runAll(copiers, writes);
                if (!page.more()) {
                    break;
                }
                page = from.range(ROOT + "/", COPY_PAGE, page.lastKey(), snapshot);
            }
            List<Callable<Void>> deletes = new ArrayList<>();
            RangeResult stale = to.range(ROOT + "/", COPY_PAGE, null, 0);
            while (true) {
                stale.items().stream().map(KeyValue::key).filter(k -> !keys.contains(k))
                        .forEach(k -> deletes.add(() -> {
                            to.delete(k, 0);
                            return null;
                        }));
                if (!stale.more()) {
                    break;
                }
                stale = to.range(ROOT + "/", COPY_PAGE, stale.lastKey(), stale.revision());
            }
            runAll(copiers, deletes);
            return new long[] {keys.size(), deletes.size()};
        } finally {
            copiers.shutdownNow();
        }
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while copying to the new store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException("copying to the new store failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void endWatches(StoreException cause) {
        for (SwitchedWatch w : watches) {
            w.end(cause);
        }
    }

    private Store current() {
        Store s = active;
        if (s == null) {
            throw new StoreException("no store is available (configured: " + desired + ")");
        }
        return s;
    }

    private <T> T write(Supplier<T> operation) {
        writes.readLock().lock();
        try {
            return operation.get();
        } finally {
            writes.readLock().unlock();
        }
    }

    // --- Store, delegated to the active store -------------------------------------------------

    @Override
    protected Store delegate() {
        return current();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return write(() -> current().create(key, value));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return write(() -> current().update(key, value, expectedModRevision));
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return write(() -> current().delete(key, expectedModRevision));
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        SwitchedWatch w = new SwitchedWatch(listener);
        watches.add(w);
        try {
            w.delegate = current().watch(prefix, afterRevision, w);
        } catch (RuntimeException e) {
            watches.remove(w);
            throw e;
        }
        return w;
    }

    /** A watch on the active store that a switch ends, telling its listener to re-list. */
    private final class SwitchedWatch implements Watch, WatchListener {
        private final WatchListener listener;
        private volatile Watch delegate;
        private volatile boolean ended;

        SwitchedWatch(WatchListener listener) {
            this.listener = listener;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (!ended) {
                listener.onEvent(event);
            }
        }

        @Override
        public void onClose(StoreException cause) {
            end(cause);
        }

        void end(StoreException cause) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            watches.remove(this);
            Watch d = delegate;
            if (d != null) {
                d.close();
            }
            listener.onClose(cause);
        }

        @Override
        public void close() {
            ended = true;
            watches.remove(this);
            Watch d = delegate;
            if (d != null) {
                d.close();
            }
        }
    }
}
