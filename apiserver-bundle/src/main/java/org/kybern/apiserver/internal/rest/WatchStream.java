package org.kybern.apiserver.internal.rest;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.api.store.WatchListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code ?watch=true} response: store events turned into Kubernetes watch events
 * ({@code {"type":"ADDED","object":{...}}} per line) and written without blocking, so a
 * thousand watchers need no thousand threads. A client that falls {@value #MAX_QUEUED} events
 * behind is cut off and re-lists, as in Kubernetes.
 */
final class WatchStream implements WatchListener, WriteListener, AsyncListener {

    static final int MAX_QUEUED = 10_000;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final JsonMapper json;
    private final WatchEvents events;
    private final Predicate<JsonNode> selected;
    /** How an object is sent; null: as itself, in event lines shared with the other watches. */
    private final UnaryOperator<ObjectNode> render;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private Watch watch;
    /** Set once the container has called {@link #onWritePossible}: before that the output is not yet non-blocking. */
    private boolean writable;
    private boolean flushPending;
    private boolean ending;
    private boolean done;

    /**
     * @param events   store changes decoded once for all watches
     * @param selected the objects to report (label and field selectors)
     * @param render   how an object is sent (as a one-row Table), or null to send it as itself
     */
    WatchStream(AsyncContext async, JsonMapper json, WatchEvents events, Predicate<JsonNode> selected,
            UnaryOperator<ObjectNode> render) throws IOException {
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.json = json;
        this.events = events;
        this.selected = selected;
        this.render = render;
    }

    /** Starts writing; events queued before the client is ready are sent once it is. */
    void start(Watch storeWatch) {
        synchronized (this) {
            this.watch = storeWatch;
        }
        async.addListener(this);
        out.setWriteListener(this);
    }

    /** Sends an event that is not a store change (ADDED for the initial state). */
    synchronized void send(String type, ObjectNode object) {
        enqueue(WatchEvents.line(json, type, type.equals("ERROR") || render == null ? object : render.apply(object)));
    }

    /** Sends a store change's object: the line the other watches send too, unless rendered for this one. */
    private void send(WatchEvents.Decoded change, String type, ObjectNode object) {
        if (render == null) {
            enqueue(change.line(type, object));
        } else {
            send(type, object);
        }
    }

    /** Ends the stream after what is queued. */
    synchronized void end() {
        ending = true;
        pump();
    }

    /**
     * A store change as the client's selection sees it, as in Kubernetes: an object that starts
     * matching is ADDED, one that stops matching is DELETED, one that matches before and after is
     * MODIFIED; changes outside the selection are not sent.
     */
    @Override
    public synchronized void onEvent(WatchEvent change) {
        WatchEvents.Decoded decoded = events.decode(change);
        ObjectNode previous = decoded.previous();
        boolean wasSelected = previous != null && selected.test(previous);
        if (change.type() == WatchEvent.Type.DELETE) {
            if (wasSelected) {
                send(decoded, "DELETED", previous);
            }
        } else {
            ObjectNode current = decoded.current();
            boolean isSelected = selected.test(current);
            if (isSelected) {
                send(decoded, wasSelected ? "MODIFIED" : "ADDED", current);
            } else if (wasSelected) {
                send(decoded, "DELETED", current);
            }
        }
        if (queue.size() > MAX_QUEUED) {
            queue.clear();
            error(410, "Expired", "the watch fell too far behind; list again and watch from the list's resourceVersion");
        }
    }

    @Override
    public synchronized void onClose(StoreException cause) {
        if (cause instanceof CompactedException) {
            error(410, "Expired", "too old resource version: the store's history no longer reaches it (" + cause.getMessage() + ")");
        } else {
            end();
        }
    }

    /** An ERROR event carrying a Status, then the end: how Kubernetes tells a watcher to re-list. */
    synchronized void error(int code, String reason, String message) {
        send("ERROR", Statuses.failure(code, reason, message));
        end();
    }

    private void enqueue(byte[] line) {
        if (done || ending) {
            return; // nothing follows an end (or the ERROR before it)
        }
        queue.addLast(line);
        pump();
    }

    @Override
    public synchronized void onWritePossible() {
        writable = true;
        pump();
    }

    /** Writes while the client can take it; the container calls {@link #onWritePossible} when it can again. */
    private void pump() {
        if (done || !writable) {
            return; // not started yet: the container calls onWritePossible once non-blocking writes can begin
        }
        try {
            while (out.isReady()) {
                byte[] next = queue.pollFirst();
                if (next != null) {
                    out.write(next);
                    flushPending = true;
                } else if (flushPending) {
                    flushPending = false;
                    out.flush();
                } else {
                    if (ending) {
                        finish();
                    }
                    return;
                }
            }
        } catch (IOException | IllegalStateException clientGone) {
            finish();
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        queue.clear();
        closeStoreWatch();
        try {
            async.complete();
        } catch (IllegalStateException alreadyComplete) {
            // the container completed it (client gone, timeout)
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        finish();
    }

    @Override
    public synchronized void onComplete(AsyncEvent event) {
        done = true;
        closeStoreWatch();
    }

    /**
     * Closes the store's watch on another thread: the store may be delivering to us right now
     * while holding its own locks, and we hold ours.
     */
    private void closeStoreWatch() {
        Watch w = watch;
        watch = null;
        if (w != null) {
            CompletableFuture.runAsync(w::close);
        }
    }

    @Override
    public synchronized void onTimeout(AsyncEvent event) {
        finish();
    }

    @Override
    public synchronized void onError(AsyncEvent event) {
        finish();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
