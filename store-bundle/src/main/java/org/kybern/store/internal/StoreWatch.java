package org.kybern.store.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: a queue of events drained on a shared executor, one drain at a time, so events
 * reach the listener in order and a slow listener holds up only itself.
 */
final class StoreWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);

    private final String prefix;
    private final WatchListener listener;
    private final Executor executor;
    private final Consumer<StoreWatch> onClose;
    private final Queue<WatchEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    private volatile StoreException endCause;

    StoreWatch(String prefix, WatchListener listener, Executor executor, Consumer<StoreWatch> onClose) {
        this.prefix = prefix;
        this.listener = listener;
        this.executor = executor;
        this.onClose = onClose;
    }

    String prefix() {
        return prefix;
    }

    void offer(WatchEvent event) {
        if (!closed) {
            pending.add(event);
            scheduleDrain();
        }
    }

    /** Ends the watch from the store's side; the listener hears why once pending events are out. */
    void end(StoreException cause) {
        endCause = cause;
        scheduleDrain();
    }

    @Override
    public void close() {
        closed = true;
        pending.clear();
        onClose.accept(this);
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                draining.set(false);
                closed = true;
            }
        }
    }

    private void drain() {
        try {
            WatchEvent e;
            while (!closed && (e = pending.poll()) != null) {
                listener.onEvent(e);
            }
            StoreException cause = endCause;
            if (!closed && cause != null && pending.isEmpty()) {
                close();
                listener.onClose(cause);
            }
        } catch (RuntimeException listenerFailure) {
            LOG.warn("Watch on '{}' closed: its listener failed", prefix, listenerFailure);
            close();
            try {
                listener.onClose(new StoreException("the watch ended: its listener failed: " + listenerFailure));
            } catch (RuntimeException ignored) {
                // the listener is broken; it has been told as far as it can be
            }
        } finally {
            draining.set(false);
        }
        if (!closed && (!pending.isEmpty() || endCause != null)) {
            scheduleDrain();
        }
    }
}
