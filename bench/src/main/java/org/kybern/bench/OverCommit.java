package org.kybern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The check that no node holds more than it can: for each node, the sum of the requests of the
 * pods bound to it (not finished) against its allocatable cpu, memory and pod count, from a list of
 * nodes and a list of pods as the API server returns them. A pod's requests are its containers'
 * summed, or its largest init container's where that is more, as Kubernetes counts them.
 */
final class OverCommit {

    /** Amounts of the three resources checked: millicores, bytes, pods. */
    record Amounts(long milliCpu, long memory, long pods) {
        Amounts plus(Amounts other) {
            return new Amounts(milliCpu + other.milliCpu, memory + other.memory, pods + other.pods);
        }

        Amounts max(Amounts other) {
            return new Amounts(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                    Math.max(pods, other.pods));
        }
    }

    private static final Amounts NONE = new Amounts(0, 0, 0);

    private OverCommit() {
    }

    /**
     * Each node whose pods request more than it has, one line per node and resource; empty when all
     * fit. Pods on nodes missing from {@code nodes} are left out (they are not the benchmark's).
     */
    static List<String> violations(JsonNode nodeList, JsonNode podList) {
        Map<String, Amounts> allocatable = new TreeMap<>();
        for (JsonNode node : nodeList.path("items")) {
            allocatable.put(node.path("metadata").path("name").asString(), allocatable(node));
        }
        Map<String, Amounts> requested = new TreeMap<>();
        for (JsonNode pod : podList.path("items")) {
            String node = pod.path("spec").path("nodeName").asString("");
            String phase = pod.path("status").path("phase").asString("");
            if (allocatable.containsKey(node) && !phase.equals("Succeeded") && !phase.equals("Failed")) {
                requested.merge(node, requests(pod), Amounts::plus);
            }
        }
        List<String> violations = new ArrayList<>();
        requested.forEach((node, used) -> {
            Amounts has = allocatable.get(node);
            over(violations, node, "cpu", used.milliCpu() + "m", has.milliCpu() + "m", used.milliCpu() > has.milliCpu());
            over(violations, node, "memory", used.memory() + "", has.memory() + "", used.memory() > has.memory());
            over(violations, node, "pods", used.pods() + "", has.pods() + "", used.pods() > has.pods());
        });
        return violations;
    }

    /** A node's allocatable cpu, memory and pods (what is missing counts as none). */
    static Amounts allocatable(JsonNode node) {
        return amounts(node.path("status").path("allocatable"));
    }

    /** What a pod requests, counting itself as one pod. */
    static Amounts requests(JsonNode pod) {
        Amounts containers = NONE;
        for (JsonNode c : pod.path("spec").path("containers")) {
            containers = containers.plus(amounts(c.path("resources").path("requests")));
        }
        Amounts init = NONE;
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            init = init.max(amounts(c.path("resources").path("requests")));
        }
        return containers.max(init).plus(new Amounts(0, 0, 1));
    }

    private static Amounts amounts(JsonNode resources) {
        JsonNode cpu = resources.path("cpu");
        JsonNode memory = resources.path("memory");
        JsonNode count = resources.path("pods");
        return new Amounts(cpu.isMissingNode() ? 0 : Quantities.milliCpu(cpu.asString()),
                memory.isMissingNode() ? 0 : Quantities.whole(memory.asString()),
                count.isMissingNode() ? 0 : Quantities.whole(count.asString()));
    }

    private static void over(List<String> violations, String node, String resource, String used, String has,
            boolean over) {
        if (over) {
            violations.add("node " + node + ": pods request " + used + " " + resource + ", allocatable " + has);
        }
    }
}
