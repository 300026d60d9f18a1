package org.kybern.store.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
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
 * member loses its leader) it is opened again from the revision after the last one delivered, on
 * whichever member the client reaches, so the listener sees every change once and in order. Only
 * compaction of that revision, or closing, ends it.
 */
final class EtcdWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final EtcdStore store;
    private final io.etcd.jetcd.Watch etcd;
    private final ByteSequence from;
    private final ByteSequence rangeEnd;
    private final WatchListener listener;
    private final ScheduledExecutorService retries;
    private Watcher watcher;
    private long lastRevision;
    private long backoffMillis = 100;
    private boolean closed;
    /** Which etcd watch is current; callbacks of earlier ones (broken, replaced) are ignored. */
    private int generation;
    private boolean resumePending;

    EtcdWatch(EtcdStore store, io.etcd.jetcd.Watch etcd, ByteSequence from, ByteSequence rangeEnd, long afterRevision,
            WatchListener listener, ScheduledExecutorService retries) {
        this.store = store;
        this.etcd = etcd;
        this.from = from;
        this.rangeEnd = rangeEnd;
        this.lastRevision = afterRevision;
        this.listener = listener;
        this.retries = retries;
    }

    synchronized void open() {
        resumePending = false;
        if (closed) {
            return;
        }
        int current = ++generation;
        watcher = etcd.watch(from, WatchOption.builder().withRange(rangeEnd).withRevision(lastRevision + 1)
                .withPrevKV(true).withRequireLeader(true).build(), new io.etcd.jetcd.Watch.Listener() {
                    @Override
                    public void onNext(WatchResponse response) {
                        EtcdWatch.this.onNext(current, response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        EtcdWatch.this.onError(current, error);
                    }

                    @Override
                    public void onCompleted() {
                        EtcdWatch.this.onCompleted(current);
                    }
                });
    }

    private synchronized void onNext(int gen, WatchResponse response) {
        if (gen != generation) {
            return;
        }
        for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
            if (closed) {
                return;
            }
            KeyValue current = store.fromEtcd(e.getKeyValue());
            if (current.modRevision() <= lastRevision) {
                continue; // already delivered before a resume
            }
            KeyValue previous = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty()
                    ? null : store.fromEtcd(e.getPrevKV());
            WatchEvent.Type type = e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE
                    ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT;
            listener.onEvent(new WatchEvent(type, current, previous));
            lastRevision = current.modRevision();
            backoffMillis = 100;
        }
    }

    private synchronized void onError(int gen, Throwable error) {
        if (closed || gen != generation || resumePending) {
            return;
        }
        if (error instanceof io.etcd.jetcd.common.exception.CompactedException c) {
            end(store.compactedError(lastRevision + 1, c.getCompactedRevision()));
            return;
        }
        resumeLater("failed (" + error.getMessage() + ")");
    }

    private synchronized void onCompleted(int gen) {
        if (!closed && gen == generation && !resumePending) {
            resumeLater("was ended by the server");
        }
    }

    private void resumeLater(String why) {
        LOG.info("etcd watch on {} {}; resuming after revision {} in {} ms", from, why, lastRevision, backoffMillis);
        closeWatcher();
        resumePending = true;
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        try {
            retries.schedule(this::open, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException storeClosed) {
            end(new StoreException("the etcd store is closed"));
        }
    }

    private void end(StoreException cause) {
        closed = true;
        closeWatcher();
        listener.onClose(cause);
    }

    private void closeWatcher() {
        Watcher w = watcher;
        watcher = null;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeWatcher();
    }
}
