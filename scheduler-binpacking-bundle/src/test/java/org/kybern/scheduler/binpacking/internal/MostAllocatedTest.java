package org.kybern.scheduler.binpacking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;

class MostAllocatedTest {

    /** Node of 4 cpu / 8Gi with pods of the given requests already on it; the pod asks for its own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, node pods' cpu, node pods' memory, pod cpu, pod memory, expected score
            "empty node, 0, 0, 1, 2Gi, 25",
            "half full, 1500m, 3Gi, 500m, 1Gi, 50",
            "full after the pod, 3, 6Gi, 1, 2Gi, 100",
            "more than capacity counts as full, 4, 8Gi, 1, 1Gi, 100",
            "no requests count 100m and 200Mi, 0, 0, , , 2",
            "cpu only, 2, 0, 2, , 51",
    })
    void scoresTheShareOfTheNodeRequestedWithThePod(String name, String usedCpu, String usedMemory, String cpu,
            String memory, long expected) {
        List<Pod> placed = "0".equals(usedCpu) && "0".equals(usedMemory) ? List.of() : List.of(pod(usedCpu, usedMemory));
        assertEquals(expected, new MostAllocated().score(new State(), pod(cpu, memory), new NodeInfo(node("4", "8Gi"), placed)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, a's pods cpu, b's pods cpu, expected winner
            "the fuller node wins, 3, 1, a",
            "the fuller node wins either way, 0, 2, b",
    })
    void prefersTheFullerNode(String name, String aCpu, String bCpu, String winner) {
        MostAllocated plugin = new MostAllocated();
        Pod pod = pod("500m", "512Mi");
        long a = plugin.score(new State(), pod, new NodeInfo(node("4", "8Gi", "a"), List.of(pod(aCpu, "1Gi"))));
        long b = plugin.score(new State(), pod, new NodeInfo(node("4", "8Gi", "b"), List.of(pod(bCpu, "1Gi"))));
        assertEquals(winner, a > b ? "a" : "b", "a=" + a + " b=" + b);
    }

    private static Node node(String cpu, String memory) {
        return node(cpu, memory, "n");
    }

    private static Node node(String cpu, String memory, String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .endStatus().build();
    }

    private static Pod pod(String cpu, String memory) {
        Map<String, Quantity> requests = new HashMap<>();
        if (cpu != null) {
            requests.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            requests.put("memory", new Quantity(memory));
        }
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("i").withNewResources().withRequests(requests).endResources()
                .endContainer().endSpec().build();
    }

    private static final class State implements CycleState {
        private final Map<String, Object> values = new HashMap<>();

        @Override
        public void write(String key, Object value) {
            values.put(key, value);
        }

        @Override
        public <T> Optional<T> read(String key, Class<T> type) {
            return Optional.ofNullable(values.get(key)).filter(type::isInstance).map(type::cast);
        }

        @Override
        public List<NodeInfo> allNodes() {
            return List.of();
        }
    }
}
