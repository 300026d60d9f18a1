package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.requesting;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' LeastAllocated scoring: the free share of cpu and of memory with the pod on the node,
 * 0-100 each, averaged (weights 1 and 1); a container requesting nothing counts 100m and 200Mi.
 */
class NodeResourcesLeastAllocatedTest {

    /** On a node of 4 cpu and 8Gi; "-" requests nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case, placed pod's cpu, its memory, the pod's cpu, its memory, expected score
            "empty node, -, -, 1, 2Gi, 75",
            "cpu 50 free and memory 75: 62, -, -, 2, 2Gi, 62",
            "a pod requesting nothing counts 100m and 200Mi, -, -, -, -, 97",
            "a placed pod requesting nothing counts too, 0, 0, 1, 2Gi, 72",
            "half used, 1, 2Gi, 1, 2Gi, 50",
            "over capacity scores 0 for that resource (memory 2Gi + 200Mi), 4, -, 1, 2Gi, 36",
            "full, 3, 6Gi, 1, 2Gi, 0",
    })
    void scores(String name, String usedCpu, String usedMemory, String cpu, String memory, long expected) {
        List<Pod> placed = usedCpu == null && usedMemory == null ? List.of() : List.of(withRequests("used", usedCpu, usedMemory));
        assertEquals(expected, PluginRun.score(new NodeResourcesLeastAllocated(), withRequests("p", cpu, memory),
                info(node("n"), placed.toArray(Pod[]::new))));
    }

    /** A pod requesting the cpu and memory given; null or "0" leaves the request out. */
    static Pod withRequests(String name, String cpu, String memory) {
        List<String> requests = new ArrayList<>();
        if (cpu != null && !cpu.equals("0")) {
            requests.addAll(List.of("cpu", cpu));
        }
        if (memory != null && !memory.equals("0")) {
            requests.addAll(List.of("memory", memory));
        }
        return requesting(name, requests.toArray(String[]::new));
    }
}
