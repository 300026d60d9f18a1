package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.offering;
import static org.kybern.scheduler.internal.plugins.NodeResourcesLeastAllocatedTest.withRequests;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' NodeResourcesBalancedAllocation: with the pod on the node, the fractions of cpu and memory
 * requested (each at most 1) should be close: (1 - |cpu - memory| / 2) × 100. As Kubernetes, it counts what
 * pods actually request (no 100m/200Mi defaults) and leaves out a resource the node does not offer.
 */
class NodeResourcesBalancedAllocationTest {

    /** On a node of 4 cpu and 8Gi ("cpu-only": 4 cpu and no memory); "-" requests nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case, node, placed pod's cpu, its memory, the pod's cpu, its memory, expected score
            "same share of both, n, -, -, 1, 2Gi, 100",
            "cpu half and memory an eighth, n, -, -, 2, 1Gi, 81",
            "cpu only: memory stays 0, n, -, -, 1, -, 87",
            "no defaults for pods requesting nothing, n, 0, 0, -, -, 100",
            "placed pods count, n, 1, 6Gi, 1, -, 87",
            "a fraction is at most 1, n, 4, -, 2, 1Gi, 56",
            "a resource the node lacks is left out, cpu-only, -, -, 1, 2Gi, 100",
    })
    void scores(String name, String node, String usedCpu, String usedMemory, String cpu, String memory, long expected) {
        var offered = node.equals("cpu-only") ? offering("n", "cpu", "4", "pods", "110") : node("n");
        List<Pod> placed = usedCpu == null && usedMemory == null ? List.of() : List.of(withRequests("used", usedCpu, usedMemory));
        assertEquals(expected, PluginRun.score(new NodeResourcesBalancedAllocation(), withRequests("p", cpu, memory),
                info(offered, placed.toArray(Pod[]::new))));
    }
}
