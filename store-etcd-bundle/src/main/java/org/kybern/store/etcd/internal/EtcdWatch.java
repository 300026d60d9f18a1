package org.kybern.store.etcd.internal;

import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.watch.WatchResponse;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;

/**
 * One SPI watch on an etcd watch. jetcd resumes the etcd watch after a reconnect from the last
 * revision it delivered; this class turns its events into the SPI's, one at a time.
 */
final class EtcdWatch implements io.etcd.jetcd.Watch.Listener, Watch {

    private final EtcdStore store;
    private final WatchListener listener;
    private volatile Watcher watcher;
    private volatile boolean closed;

    EtcdWatch(EtcdStore store, WatchListener listener) {
        this.store = store;
        this.listener = listener;
    }

    void start(Watcher etcdWatcher) {
        this.watcher = etcdWatcher;
        if (closed) {
            etcdWatcher.close();
        }
    }

    @Override
    public synchronized void onNext(WatchResponse response) {
        for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
            if (closed) {
                return;
            }
            KeyValue current = store.fromEtcd(e.getKeyValue());
            KeyValue previous = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty()
                    ? null : store.fromEtcd(e.getPrevKV());
            WatchEvent.Type type = e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE
                    ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT;
            listener.onEvent(new WatchEvent(type, current, previous));
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        if (closed) {
            return;
        }
        closed = true;
        StoreException cause = error instanceof io.etcd.jetcd.common.exception.CompactedException c
                ? store.compactedError(0, c.getCompactedRevision())
                : new StoreException("the etcd watch failed: " + error.getMessage(), error);
        listener.onClose(cause);
    }

    @Override
    public synchronized void onCompleted() {
        if (!closed) {
            closed = true;
            listener.onClose(new StoreException("the etcd watch was ended by the server"));
        }
    }

    @Override
    public void close() {
        closed = true;
        Watcher w = watcher;
        if (w != null) {
            w.close();
        }
    }
}
