package org.kybern.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SPI watch on etcd. When the etcd watch breaks (a member dies, the connection drops, the
 * member loses its leader) it is opened again from where delivery stopped, on whichever member
 * the client reaches, so the listener sees every change once and in order. Only compaction of
 * that revision, or closing, ends it.
 *
 * <p>Locking: {@code state} guards which etcd watcher is current; {@code delivery} serialises
 * calls to the listener. Neither is held while calling into jetcd (which calls back holding locks
 * of its own), and jetcd watchers are opened and closed on the retry executor.
 */
final class EtcdWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final EtcdStore store;
    private final io.etcd.jetcd.Watch etcd;
    private final ByteSequence from;
    private final ByteSequence rangeEnd;
    private final WatchListener listener;
    private final ScheduledExecutorService executor;
    private final long afterRevision;

    private final Object state = new Object();
    private Watcher watcher;
    /** Which etcd watch is current; callbacks of earlier ones (broken, replaced) are ignored. */
    private int generation;
    private boolean resumePending;
    private long backoffMillis = 100;
    private volatile boolean closed;

    private final Object delivery = new Object();
    /** The revision of the last event delivered, and how many events of that revision were delivered. */
    private long lastRevision;
    private int deliveredAtLast;
    /** Events of {@link #lastRevision} seen by the current etcd watch (to skip those delivered before a resume). */
    private int seenAtLast;

    EtcdWatch(EtcdStore store, io.etcd.jetcd.Watch etcd, ByteSequence from, ByteSequence rangeEnd, long afterRevision,
            WatchListener listener, ScheduledExecutorService executor) {
        this.store = store;
        this.etcd = etcd;
        this.from = from;
        this.rangeEnd = rangeEnd;
        this.afterRevision = afterRevision;
        this.lastRevision = afterRevision;
        this.listener = listener;
        this.executor = executor;
    }

    /** Opens the etcd watch: after the start revision, or, on a resume, at the last revision delivered. */
    void open() {
        int current;
        synchronized (state) {
            if (closed) {
                return;
            }
            resumePending = false;
            current = ++generation;
        }
        long startAt;
        synchronized (delivery) {
            seenAtLast = 0;
            startAt = lastRevision == afterRevision ? afterRevision + 1 : lastRevision;
        }
        Watcher opened = etcd.watch(from, WatchOption.builder().withRange(rangeEnd).withRevision(startAt)
                .withPrevKV(true).withRequireLeader(true).build(), new io.etcd.jetcd.Watch.Listener() {
                    @Override
                    public void onNext(WatchResponse response) {
                        deliver(current, response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        broken(current, error);
                    }

                    @Override
                    public void onCompleted() {
                        broken(current, null);
                    }
                });
        Watcher stale;
        synchronized (state) {
            if (closed || current != generation) {
                stale = opened;
            } else {
                stale = watcher;
                watcher = opened;
            }
        }
        if (stale != null) {
            stale.close();
        }
    }

    private boolean isCurrent(int gen) {
        synchronized (state) {
            return !closed && gen == generation;
        }
    }

    private void deliver(int gen, WatchResponse response) {
        synchronized (delivery) {
            for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
                if (!isCurrent(gen)) {
                    return;
                }
                KeyValue current = store.fromEtcd(e.getKeyValue());
                long revision = current.modRevision();
                if (revision < lastRevision || revision <= afterRevision) {
                    continue;
                }
                if (revision == lastRevision && ++seenAtLast <= deliveredAtLast) {
                    continue; // delivered before a resume
                }
                KeyValue previous = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty()
                        ? null : store.fromEtcd(e.getPrevKV());
                WatchEvent.Type type = e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE
                        ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT;
                listener.onEvent(new WatchEvent(type, current, previous));
                if (revision > lastRevision) {
                    lastRevision = revision;
                    deliveredAtLast = 1;
                    seenAtLast = 1;
                } else {
                    deliveredAtLast++;
                }
            }
        }
        synchronized (state) {
            backoffMillis = 100;
        }
    }

    /** The etcd watch failed or ended: resume later, or end the SPI watch if its revision was compacted. */
    private void broken(int gen, Throwable error) {
        Watcher stale;
        long delay;
        synchronized (state) {
            if (closed || gen != generation || resumePending) {
                return;
            }
            stale = watcher;
            watcher = null;
            if (error instanceof io.etcd.jetcd.common.exception.CompactedException c) {
                closed = true;
                closeLater(stale);
                endLater(store.compactedError(afterRevision + 1, c.getCompactedRevision()));
                return;
            }
            resumePending = true;
            delay = backoffMillis;
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
        LOG.info("etcd watch on {} {}; resuming in {} ms", from,
                error == null ? "was ended by the server" : "failed (" + error.getMessage() + ")", delay);
        try {
            executor.schedule(() -> {
                if (stale != null) {
                    stale.close();
                }
                open();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException storeClosed) {
            closed = true;
            endLater(new StoreException("the etcd store is closed"));
        }
    }

    private void closeLater(Watcher w) {
        if (w != null) {
            try {
                executor.execute(w::close);
            } catch (RejectedExecutionException storeClosed) {
                // the client is closing and takes its watchers with it
            }
        }
    }

    private void endLater(StoreException cause) {
        Runnable end = () -> {
            synchronized (delivery) {
                listener.onClose(cause);
            }
        };
        try {
            executor.execute(end);
        } catch (RejectedExecutionException storeClosed) {
            end.run();
        }
    }

    @Override
    public void close() {
        Watcher w;
        synchronized (state) {
            closed = true;
            w = watcher;
            watcher = null;
        }
        if (w != null) {
            w.close();
        }
    }
}
