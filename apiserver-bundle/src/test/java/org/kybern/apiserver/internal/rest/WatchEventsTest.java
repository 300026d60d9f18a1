package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.WatchEvent;
import tools.jackson.databind.json.JsonMapper;

/** Store changes decoded once and their event lines written once, for every watch that sends them. */
class WatchEventsTest {

    private static final String KEY = "/registry/pods/default/web";

    private final JsonMapper json = JsonMapper.builder().build();
    private final WatchEvents events = new WatchEvents(json);

    private static byte[] pod(String node) {
        return ("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"resourceVersion\":\"1\"},\"spec\":{\"nodeName\":\""
                + node + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static WatchEvent put(long revision, byte[] value, KeyValue previous) {
        return new WatchEvent(WatchEvent.Type.PUT, new KeyValue(KEY, value, 4, revision, 2), previous);
    }

    @Test
    void everyWatchGetsTheSameDecodedObjectsAtTheChangesRevision() {
        KeyValue before = new KeyValue(KEY, pod(""), 4, 4, 1);
        WatchEvent change = put(7, pod("node-a"), before);
        WatchEvents.Decoded first = events.decode(change);
        // A second watch gets its own WatchEvent instance for the same change (as from etcd).
        WatchEvents.Decoded second = events.decode(put(7, pod("node-a"), before));
        assertSame(first, second);
        assertSame(first.current(), second.current());
        assertEquals("node-a", first.current().path("spec").path("nodeName").asString());
        assertEquals("7", first.current().path("metadata").path("resourceVersion").asString());
        assertEquals("", first.previous().path("spec").path("nodeName").asString());
        assertEquals("7", first.previous().path("metadata").path("resourceVersion").asString());
        assertNotSame(first, events.decode(put(8, pod("node-b"), new KeyValue(KEY, pod("node-a"), 4, 7, 2))));
    }

    @Test
    void aLineIsWrittenOncePerTypeAndObject() {
        WatchEvents.Decoded change = events.decode(put(9, pod("node-a"), new KeyValue(KEY, pod(""), 4, 5, 1)));
        byte[] modified = change.line("MODIFIED", change.current());
        assertSame(modified, change.line("MODIFIED", change.current()));
        assertEquals("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"resourceVersion\":"
                + "\"9\"},\"spec\":{\"nodeName\":\"node-a\"}}}\n", new String(modified, StandardCharsets.UTF_8));
        String deletedPrevious = new String(change.line("DELETED", change.previous()), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"DELETED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"resourceVersion\":"
                + "\"9\"},\"spec\":{\"nodeName\":\"\"}}}\n", deletedPrevious, "the object as it was, at the change's revision");
        String added = new String(change.line("ADDED", change.current()), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"ADDED\"", added.substring(0, added.indexOf(',')));
    }

    @Test
    void aDeletionHasOnlyThePreviousObject() {
        WatchEvent deletion = new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(KEY, new byte[0], 0, 12, 0),
                new KeyValue(KEY, pod("node-a"), 4, 9, 3));
        WatchEvents.Decoded change = events.decode(deletion);
        assertNull(change.current());
        assertEquals("12", change.previous().path("metadata").path("resourceVersion").asString());
    }

    @Test
    void onlyTheMostRecentChangesAreKept() {
        WatchEvents.Decoded oldest = events.decode(put(1, pod("a"), null));
        for (int i = 2; i <= WatchEvents.KEPT + 1; i++) {
            events.decode(put(i, pod("a"), null));
        }
        WatchEvents.Decoded again = events.decode(put(1, pod("a"), null));
        assertNotSame(oldest, again, "decoded anew once it fell out");
        assertEquals(oldest.current(), again.current());
    }

    @Test
    void theSameKeyAndRevisionWithOtherContentIsDecodedAnew() {
        // After a live store switch the new store's revisions start again: same key and revision, another object.
        WatchEvents.Decoded before = events.decode(put(20, pod("node-a"), null));
        WatchEvents.Decoded other = events.decode(put(20, pod("node-b"), null));
        assertNotSame(before, other);
        assertEquals("node-b", other.current().path("spec").path("nodeName").asString());
        assertSame(other, events.decode(put(20, pod("node-b"), null)));
    }
}
