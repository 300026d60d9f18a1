package org.kybern.apiserver.internal.rest;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
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
    private final Predicate<JsonNode> selected;
    private final UnaryOperator<ObjectNode> render;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private Watch watch;
    private boolean flushPending;
    private boolean ending;
    private boolean done;

    /**
     * @param selected the objects to report (label and field selectors)
     * @param render   how an object is sent (as itself, or as a one-row Table)
     */
    WatchStream(AsyncContext async, JsonMapper json, Predicate<JsonNode> selected, UnaryOperator<ObjectNode> render)
            throws IOException {
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.json = json;
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
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.set("object", type.equals("ERROR") ? object : render.apply(object));
        enqueue(event);
    }

    /** Ends the stream after what is queued. */
    synchronized void end() {
        ending = true;
        pump();
    }

    @Override
    public synchronized void onEvent(WatchEvent change) {
        ObjectNode object;
        String type;
        if (change.type() == WatchEvent.Type.DELETE) {
            type = "DELETED";
            object = (ObjectNode) json.readTree(change.previous().value());
        } else {
            type = change.previous() == null ? "ADDED" : "MODIFIED";
            object = (ObjectNode) json.readTree(change.current().value());
        }
        ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(change.revision()));
        if (!selected.test(object)) {
            return;
        }
        send(type, object);
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
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        send("ERROR", status);
        end();
    }

    private void enqueue(ObjectNode event) {
        if (done) {
            return;
        }
        byte[] line = json.writeValueAsBytes(event);
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        queue.addLast(withNewline);
        pump();
    }

    @Override
    public synchronized void onWritePossible() {
        pump();
    }

    /** Writes while the client can take it; the container calls {@link #onWritePossible} when it can again. */
    private void pump() {
        if (done || watch == null) {
            return; // not started yet: start() registers the write listener, which pumps
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
        if (watch != null) {
            watch.close();
        }
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
        if (watch != null) {
            watch.close();
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
