package org.kybern.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BindingsTest {

    private static final long MS = 1_000_000;

    @Test
    void latencyIsFromCreateSentToFirstBindingSeen() {
        Bindings b = new Bindings(3);
        b.sent(0, 0);
        b.sent(1, 10 * MS);
        b.sent(2, 20 * MS);
        b.saw("pod-2", "", 25 * MS); // ADDED, not bound yet
        b.saw("pod-2", "hollow-1", 50 * MS);
        b.saw("pod-0", "hollow-0", 40 * MS);
        b.saw("pod-1", "hollow-2", 15 * MS);
        b.saw("pod-0", "hollow-0", 90 * MS); // a later update on the same node changes nothing

        assertTrue(b.allBound());
        assertArrayEquals(new long[] {5 * MS, 30 * MS, 40 * MS}, b.sortedLatencies());
        assertEquals("hollow-1", b.nodeOf(2));
        // 3 pods from the first create sent (0) to the last binding seen (50 ms).
        assertEquals(60.0, b.podsPerSecond(), 1e-9);
        assertTrue(b.problems().isEmpty());
    }

    @Test
    void aPodSeenOnASecondNodeIsAProblem() {
        Bindings b = new Bindings(1);
        b.sent(0, 0);
        b.saw("pod-0", "hollow-0", MS);
        b.saw("pod-0", "hollow-7", 2 * MS);

        assertEquals(List.of("pod-0 was bound to hollow-0, then seen on hollow-7"), b.problems());
        assertEquals("hollow-0", b.nodeOf(0));
        assertEquals(1, b.bound());
    }

    @Test
    void podsNeverSeenBoundAreMissingFromTheFigures() {
        Bindings b = new Bindings(2);
        b.sent(0, 0);
        b.sent(1, 0);
        b.saw("pod-1", "hollow-0", 100 * MS);

        assertFalse(b.allBound());
        assertNull(b.nodeOf(0));
        assertArrayEquals(new long[] {100 * MS}, b.sortedLatencies());
        assertEquals(10.0, b.podsPerSecond(), 1e-9);
        assertEquals(0.0, new Bindings(1).podsPerSecond());
    }

    @Test
    void otherPodsAreIgnored() {
        Bindings b = new Bindings(2);
        b.saw("prime", "hollow-0", MS);
        b.saw("pod-2", "hollow-0", MS);
        b.saw("pod-01", "hollow-0", MS);
        b.saw("pod--1", "hollow-0", MS);

        assertEquals(0, b.bound());
        assertEquals(-1, Bindings.index("pod-"));
        assertEquals(17, Bindings.index(Bindings.name(17)));
    }

    @Test
    void percentilesOfTheLatenciesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * MS;
        }
        assertEquals(50.0, PodBench.percentile(sorted, 50));
        assertEquals(99.0, PodBench.percentile(sorted, 99));
        assertEquals(7.0, PodBench.percentile(new long[] {7 * MS}, 99));
    }
}
