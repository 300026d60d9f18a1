package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.HOSTNAME;
import static org.kybern.scheduler.internal.plugins.Fixtures.ZONE;
import static org.kybern.scheduler.internal.plugins.Fixtures.avoidingPods;
import static org.kybern.scheduler.internal.plugins.Fixtures.cordoned;
import static org.kybern.scheduler.internal.plugins.Fixtures.inZone;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.labelTerm;
import static org.kybern.scheduler.internal.plugins.Fixtures.labelled;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.pairs;
import static org.kybern.scheduler.internal.plugins.Fixtures.podTerm;
import static org.kybern.scheduler.internal.plugins.Fixtures.preferred;
import static org.kybern.scheduler.internal.plugins.Fixtures.requirement;
import static org.kybern.scheduler.internal.plugins.Fixtures.requiringNodes;
import static org.kybern.scheduler.internal.plugins.Fixtures.requiringPods;
import static org.kybern.scheduler.internal.plugins.Fixtures.taint;
import static org.kybern.scheduler.internal.plugins.Fixtures.tainted;
import static org.kybern.scheduler.internal.plugins.Fixtures.toleration;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.scheduler.internal.DefaultScheduler;

/**
 * Whole decisions of the default profile (every default plugin, Kubernetes' weights) over a small cluster:
 * n1 (zone z1) runs "big" (app=big, 3 cpu, 6Gi), n2 (z1) runs "small" (app=small, 1 cpu, 2Gi), n3 (z2) runs
 * "cache" (app=cache, no requests, required anti-affinity to app=web on its host); each node 4 cpu, 8Gi. A
 * row may change the nodes, then schedules one pod: the chosen node, or the whole FitError message.
 */
class ChoosesNodeTest {

    private final DefaultScheduler scheduler = new DefaultScheduler();

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("spreads to the least allocated node", plain("1", "2Gi"), same(), "n3"),
                arguments("nodeSelector", new PodBuilder(plain("500m", "1Gi")).editSpec().addToNodeSelector("disktype",
                        "ssd").endSpec().build(), change("n1", n -> labelled(n, "disktype", "ssd")), "n1"),
                arguments("required node affinity to z1: the emptier of n1 and n2", with(requiringNodes("p",
                        labelTerm(requirement(ZONE, "In", "z1"))), "1", "2Gi"), same(), "n2"),
                arguments("pod affinity to big's host", requiringPods(plain("500m", "1Gi"), podTerm(HOSTNAME, "app",
                        "big")), same(), "n1"),
                arguments("pod affinity to big's zone: the emptier node there", requiringPods(plain("1", "2Gi"),
                        podTerm(ZONE, "app", "big")), same(), "n2"),
                arguments("pod anti-affinity to cache's host", avoidingPods(plain("1", "2Gi"), podTerm(HOSTNAME, "app",
                        "cache")), same(), "n2"),
                arguments("cache's anti-affinity keeps web off n3", web("1", "2Gi"), same(), "n2"),
                arguments("an untolerated NoSchedule taint", plain("1", "2Gi"), change("n3", n -> tainted(n,
                        taint("dedicated", "gpu", "NoSchedule"))), "n2"),
                arguments("a tolerated NoSchedule taint", new PodBuilder(plain("1", "2Gi")).editSpec().addToTolerations(
                        toleration("dedicated", "Equal", "gpu", "NoSchedule")).endSpec().build(), change("n3",
                        n -> tainted(n, taint("dedicated", "gpu", "NoSchedule"))), "n3"),
                arguments("PreferNoSchedule (weight 3) outweighs preferred node affinity (weight 2)",
                        new PodBuilder(plain("1", "2Gi")).editSpec().withNewAffinity().withNewNodeAffinity()
                                .withPreferredDuringSchedulingIgnoredDuringExecution(preferred(10, labelTerm(requirement(
                                        ZONE, "In", "z2")))).endNodeAffinity().endAffinity().endSpec().build(),
                        change("n3", n -> tainted(n, taint("spot", "true", "PreferNoSchedule"))), "n2"),
                arguments("too big for every node", plain("5", "1Gi"), same(),
                        "0/3 nodes are available: 3 Insufficient cpu."),
                arguments("reasons counted and sorted as strings", with(requiringNodes("p",
                        labelTerm(requirement(ZONE, "In", "z1"))), "3500m", "1Gi"), same(),
                        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu."),
                arguments("every shortage of a node counts", plain("3", "7Gi"), change("n3", n -> tainted(n,
                        taint("dedicated", "gpu", "NoSchedule"))), "0/3 nodes are available: 1 Insufficient cpu, "
                        + "1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory."),
                arguments("the first failing filter speaks for a node", requiringPods(plain("1", "1Gi"),
                        podTerm(HOSTNAME, "app", "none")), change("n1", n -> cordoned(n)), "0/3 nodes are available: "
                        + "1 node(s) were unschedulable, 2 node(s) didn't match pod affinity rules."),
                arguments("own and existing anti-affinity", avoidingPods(web("1", "1Gi"), podTerm(ZONE, "app", "big")),
                        same(), "0/3 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, "
                        + "2 node(s) didn't match pod anti-affinity rules."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheNodeOrSaysWhyNone(String name, Pod pod, UnaryOperator<Map<String, Node>> nodes, String expected) {
        Map<String, Node> cluster = nodes.apply(Map.of("n1", inZone("n1", "z1"), "n2", inZone("n2", "z1"),
                "n3", inZone("n3", "z2")));
        List<NodeInfo> infos = List.of(info(cluster.get("n1"), running("big", "3", "6Gi", "app", "big")),
                info(cluster.get("n2"), running("small", "1", "2Gi", "app", "small")),
                info(cluster.get("n3"), avoidingPods(running("cache", null, null, "app", "cache"),
                        podTerm(HOSTNAME, "app", "web"))));
        for (int i = 0; i < 5; i++) { // ties are broken at random: a decision must not depend on them
            assertEquals(expected, scheduler.schedule(pod, infos));
        }
    }

    @Test
    void identicalPodsSpreadOverEmptyNodes() {
        List<Node> nodes = List.of(node("n1"), node("n2"), node("n3"));
        List<List<Pod>> placed = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            List<NodeInfo> infos = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                infos.add(new NodeInfo(nodes.get(n), placed.get(n)));
            }
            String node = scheduler.schedule(plain("1", "2Gi"), infos);
            chosen.add(node);
            placed.get(Integer.parseInt(node.substring(1)) - 1).add(plain("1", "2Gi"));
        }
        assertEquals(Set.of("n1", "n2", "n3"), chosen);
    }

    @Test
    void theDefaultProfileWeighsAsKubernetes() {
        assertEquals(Map.of("TaintToleration", 3, "NodeAffinity", 2, "InterPodAffinity", 2,
                "NodeResourcesLeastAllocated", 1, "NodeResourcesBalancedAllocation", 1, "ImageLocality", 1),
                scheduler.weights());
    }

    private static UnaryOperator<Map<String, Node>> same() {
        return nodes -> nodes;
    }

    private static UnaryOperator<Map<String, Node>> change(String name, UnaryOperator<Node> change) {
        return nodes -> {
            Map<String, Node> changed = new java.util.HashMap<>(nodes);
            changed.put(name, change.apply(nodes.get(name)));
            return changed;
        };
    }

    /** A pod app=plain requesting cpu and memory. */
    private static Pod plain(String cpu, String memory) {
        return running("p", cpu, memory, "app", "plain");
    }

    private static Pod web(String cpu, String memory) {
        return running("p", cpu, memory, "app", "web");
    }

    /** The pod with its one container requesting cpu and memory. */
    private static Pod with(Pod pod, String cpu, String memory) {
        return new PodBuilder(pod).editSpec().editFirstContainer().withNewResources()
                .withRequests(Fixtures.quantities("cpu", cpu, "memory", memory)).endResources().endContainer().endSpec()
                .build();
    }

    /** A labelled pod requesting cpu and memory (null: nothing). */
    private static Pod running(String name, String cpu, String memory, String... labels) {
        Pod pod = new PodBuilder(Fixtures.pod(name)).editMetadata().withLabels(pairs(labels)).endMetadata().build();
        return cpu == null ? pod : with(pod, cpu, memory);
    }
}
