package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kybern.kubelet.internal.ContainerLogServer.LogRequest;

class LogRequestTest {

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void optionsAsTheApiServerPassesThem() {
        LogRequest r = LogRequest.parse(Map.of("follow", "true", "tailLines", "5", "timestamps", "true",
                "sinceSeconds", "60"), now);
        assertTrue(r.options().follow());
        assertEquals(5, r.options().tailLines());
        assertTrue(r.options().timestamps());
        assertEquals(now.minusSeconds(60), r.options().since());
        assertFalse(r.previous());

        LogRequest previous = LogRequest.parse(Map.of("previous", "true", "follow", "true"), now);
        assertTrue(previous.previous());
        assertFalse(previous.options().follow(), "an exited container's log has no more lines to follow");
        assertEquals(-1, previous.options().tailLines());
    }

    @Test
    void badOptionsAreRefusedWithAReason() {
        assertEquals("tailLines must be an integer, not \"x\"",
                assertThrows(IllegalArgumentException.class, () -> LogRequest.parse(Map.of("tailLines", "x"), now))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogRequest.parse(Map.of("follow", "yes"), now));
        assertThrows(IllegalArgumentException.class, () -> LogRequest.parse(Map.of("sinceTime", "yesterday"), now));
    }
}
