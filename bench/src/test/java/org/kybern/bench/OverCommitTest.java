package org.kybern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OverCommitTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode nodes(String... nodes) {
        return json.readTree("{\"items\":[" + String.join(",", nodes) + "]}");
    }

    private static String node(String name, String cpu, String memory, String pods) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"status\":{\"allocatable\":{\"cpu\":\"" + cpu
                + "\",\"memory\":\"" + memory + "\",\"pods\":\"" + pods + "\"}}}";
    }

    private static String pod(String node, String phase, String cpu, String memory) {
        return "{\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"resources\":{\"requests\":{\"cpu\":\"" + cpu
                + "\",\"memory\":\"" + memory + "\"}}}]},\"status\":{\"phase\":\"" + phase + "\"}}";
    }

    @Test
    void podsThatFitAreNoViolation() {
        JsonNode nodes = nodes(node("a", "1", "1Gi", "3"));
        JsonNode pods = nodes(pod("a", "Pending", "500m", "512Mi"), pod("a", "Running", "0.5", "536870912"));

        assertEquals(List.of(), OverCommit.violations(nodes, pods));
    }

    @Test
    void eachResourceOverItsAllocatableIsReportedPerNode() {
        JsonNode nodes = nodes(node("a", "1", "1Gi", "1"), node("b", "4", "16Gi", "110"));
        JsonNode pods = nodes(pod("a", "Pending", "600m", "1Gi"), pod("a", "Pending", "500m", "1"),
                pod("b", "Pending", "4", "16Gi"));

        assertEquals(List.of("node a: pods request 1100m cpu, allocatable 1000m", "node a: pods request 1073741825 memory,"
                + " allocatable 1073741824", "node a: pods request 2 pods, allocatable 1"),
                OverCommit.violations(nodes, pods));
    }

    @Test
    void finishedPodsAndOtherNodesDoNotCount() {
        JsonNode nodes = nodes(node("a", "1", "1Gi", "1"));
        JsonNode pods = nodes(pod("a", "Pending", "1", "1Gi"), pod("a", "Succeeded", "1", "1Gi"),
                pod("a", "Failed", "1", "1Gi"), pod("elsewhere", "Running", "8", "8Gi"), pod("", "Pending", "8", "8Gi"));

        assertEquals(List.of(), OverCommit.violations(nodes, pods));
    }

    @Test
    void aPodRequestsItsContainersOrItsLargestInitContainer() {
        JsonNode pod = json.readTree("{\"spec\":{\"containers\":[{\"resources\":{\"requests\":{\"cpu\":\"100m\"}}},"
                + "{\"resources\":{\"requests\":{\"cpu\":\"200m\",\"memory\":\"1Mi\"}}}],\"initContainers\":["
                + "{\"resources\":{\"requests\":{\"cpu\":\"1\"}}},{\"resources\":{\"requests\":{\"memory\":\"1Ki\"}}}]}}");

        assertEquals(new OverCommit.Amounts(1000, 1 << 20, 1), OverCommit.requests(pod));
    }

    @Test
    void quantitiesAreReadWithKubernetesSuffixes() {
        assertEquals(100, Quantities.milliCpu("100m"));
        assertEquals(4000, Quantities.milliCpu("4"));
        assertEquals(1500, Quantities.milliCpu("1.5"));
        assertEquals(1, Quantities.milliCpu("0.0001")); // rounded up
        assertEquals(128L << 20, Quantities.whole("128Mi"));
        assertEquals(16L << 30, Quantities.whole("16Gi"));
        assertEquals(2_000_000_000L, Quantities.whole("2G"));
        assertEquals(1_000, Quantities.whole("1k"));
        assertEquals(110, Quantities.whole("110"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("Mi"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parse("12 cores"));
    }
}
