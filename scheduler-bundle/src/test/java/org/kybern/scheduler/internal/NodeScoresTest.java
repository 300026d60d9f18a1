package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.ScorePlugin;

class NodeScoresTest {

    private final List<NodeInfo> nodes = SchedulingAlgorithmTest.nodes("a", "b", "c");

    @Test
    void aNormalizeWritesThroughToTheArray() {
        long[] scores = {10, 40, 20};
        // The SPI's default normalization, as TaintToleration (reversed) and NodeAffinity use it.
        ScorePlugin.scaleToMax(new NodeScores(nodes, scores), false);
        assertArrayEquals(new long[] {25, 100, 50}, scores);
        ScorePlugin.scaleToMax(new NodeScores(nodes, scores), true);
        assertArrayEquals(new long[] {75, 0, 50}, scores);
    }

    @Test
    void readsAndWritesByNodeName() {
        long[] scores = {1, 2, 3};
        Map<String, Long> map = new NodeScores(nodes, scores);
        assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), map);
        assertEquals(map, Map.of("a", 1L, "b", 2L, "c", 3L));
        assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L).hashCode(), map.hashCode());
        assertEquals(2L, map.get("b"));
        assertNull(map.get("z"));
        assertEquals(3L, map.put("c", 7L));
        map.replaceAll((node, score) -> score * 10);
        assertArrayEquals(new long[] {10, 20, 70}, scores);
    }

    @Test
    void itsKeysAreTheFeasibleNodes() {
        Map<String, Long> map = new NodeScores(nodes, new long[3]);
        assertThrows(IllegalArgumentException.class, () -> map.put("z", 1L));
        assertThrows(UnsupportedOperationException.class, () -> map.remove("a"));
        assertThrows(IllegalArgumentException.class, () -> new NodeScores(nodes, new long[2]));
    }
}
