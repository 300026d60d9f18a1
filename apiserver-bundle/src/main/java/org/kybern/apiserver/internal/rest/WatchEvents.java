package org.kybern.apiserver.internal.rest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kybern.api.store.WatchEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Store changes decoded once for every watch that receives them, as Kubernetes' watch cache serves
 * one decoded object to all its watchers: a pod change reaches the scheduler, the controllers and
 * every kubelet (each of which selects by node), and each used to parse the stored JSON itself and
 * write its own copy of the event line. The most recent {@value #KEPT} changes are kept; a watch that
 * lags further decodes its change again, which costs time, not correctness. Thread-safe.
 */
final class WatchEvents {

    static final int KEPT = 1024;

    private final JsonMapper json;
    private final Map<Change, Decoded> recent = new LinkedHashMap<>(KEPT * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Change, Decoded> eldest) {
            return size() > KEPT;
        }
    };

    WatchEvents(JsonMapper json) {
        this.json = json;
    }

    /** A change is one key at one revision. */
    private record Change(String key, long revision, WatchEvent.Type type) {
    }

    /**
     * The change decoded: shared by every watch, so never to be modified. A change is known by its key
     * and revision and recognised by its bytes, so the same key and revision from another store (after
     * a live store switch) is not mistaken for it.
     */
    Decoded decode(WatchEvent event) {
        Change change = new Change(event.current().key(), event.revision(), event.type());
        synchronized (recent) {
            Decoded known = recent.get(change);
            if (known != null && known.isOf(event)) {
                return known;
            }
        }
        Decoded decoded = new Decoded(event);
        synchronized (recent) {
            Decoded raced = recent.get(change);
            if (raced != null && raced.isOf(event)) {
                return raced;
            }
            recent.put(change, decoded);
            return decoded;
        }
    }

    /**
     * One change's objects as of its revision (their {@code resourceVersion} set to it) and its watch
     * event lines, each written once on first need.
     */
    final class Decoded {
        private final String revision;
        private final byte[] previousJson;
        private final byte[] currentJson;
        private ObjectNode previous;
        private ObjectNode current;
        /** ADDED, MODIFIED and DELETED of current, DELETED of previous. */
        private final byte[][] lines = new byte[4][];

        private Decoded(WatchEvent event) {
            this.revision = Long.toString(event.revision());
            this.previousJson = event.previous() == null ? null : event.previous().value();
            this.currentJson = event.type() == WatchEvent.Type.DELETE ? null : event.current().value();
        }

        /** Whether this is {@code event} decoded: the same stored bytes before and after. */
        boolean isOf(WatchEvent event) {
            byte[] before = event.previous() == null ? null : event.previous().value();
            byte[] after = event.type() == WatchEvent.Type.DELETE ? null : event.current().value();
            return Arrays.equals(previousJson, before) && Arrays.equals(currentJson, after);
        }

        /** The object before the change, or null if the change created it. */
        synchronized ObjectNode previous() {
            if (previous == null && previousJson != null) {
                previous = object(previousJson);
            }
            return previous;
        }

        /** The object after the change; null for a deletion. */
        synchronized ObjectNode current() {
            if (current == null && currentJson != null) {
                current = object(currentJson);
            }
            return current;
        }

        /** The line {@code {"type":<type>,"object":<object>}} and its newline, for {@code object} as it is stored. */
        synchronized byte[] line(String type, ObjectNode object) {
            int slot = object == previous ? 3 : switch (type) {
                case "ADDED" -> 0;
                case "MODIFIED" -> 1;
                default -> 2;
            };
            if (lines[slot] == null) {
                lines[slot] = WatchEvents.line(json, type, object);
            }
            return lines[slot];
        }

        private ObjectNode object(byte[] stored) {
            ObjectNode object = (ObjectNode) json.readTree(stored);
            object.withObjectProperty("metadata").put("resourceVersion", revision);
            return object;
        }
    }

    /** A watch event line: {@code {"type":<type>,"object":<object>}} and a newline. */
    static byte[] line(JsonMapper json, String type, ObjectNode object) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.set("object", object);
        byte[] line = json.writeValueAsBytes(event);
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        return withNewline;
    }
}
