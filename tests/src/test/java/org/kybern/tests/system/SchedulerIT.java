package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler in the running distribution, on simulated nodes of different sizes and labels: pods with
 * requests, selectors, affinity and anti-affinity land where Kubernetes would put them, and a pod that
 * fits nowhere is told why (FailedScheduling, PodScheduled=False) and placed once a node that fits
 * appears.
 */
@ExtendWith(SharedCluster.class)
class SchedulerIT {

    private static final String NS = "scheduler-it";
    private static final Duration BIND = Duration.ofSeconds(30);
    /** small: 2 cpu, zone a, hdd; medium: 4 cpu, zone a, ssd; large: 8 cpu, zone b, ssd. */
    private static final String SMALL = "sim-small";
    private static final String MEDIUM = "sim-medium";
    private static final String LARGE = "sim-large";
    private static final String HUGE = "sim-huge";
    private static final String ZONE = "topology.kubernetes.io/zone";
    /** The three nodes above carry it, the one added later does not: placement tests stay among the three. */
    private static final String TRIO = "scheduler-it/trio";
    private static KubernetesClient client;

    @BeforeAll
    static void nodes() throws Exception {
        client = SharedCluster.get().client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        SimulatedNodes.create(client, SMALL, "2", "4Gi", Map.of(ZONE, "a", "disk", "hdd", TRIO, "yes"));
        SimulatedNodes.create(client, MEDIUM, "4", "8Gi", Map.of(ZONE, "a", "disk", "ssd", TRIO, "yes"));
        SimulatedNodes.create(client, LARGE, "8", "16Gi", Map.of(ZONE, "b", "disk", "ssd", TRIO, "yes"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client == null) {
            return;
        }
        SimulatedNodes.cleanUp(SharedCluster.get(), client, NS, SMALL, MEDIUM, LARGE, HUGE);
        client.close();
    }

    @Test
    void podsLandWhereTheirRequestsSelectorsAndAffinityLetThem() throws Exception {
        java.util.function.Function<PodBuilder, Pod> create = p -> create(p.editSpec().addToNodeSelector(TRIO, "yes")
                .endSpec().build());
        // Only the large node has 6 cpu.
        assertEquals(LARGE, bound(create.apply(SimulatedNodes.pod("needs-six-cpu", "6", "1Gi"))));
        // ssd in zone a: the medium node only.
        assertEquals(MEDIUM, bound(create.apply(SimulatedNodes.pod("ssd-in-a", "100m", null).editSpec()
                .addToNodeSelector("disk", "ssd").addToNodeSelector(ZONE, "a").endSpec())));
        // Required node affinity: not ssd → the small node.
        assertEquals(SMALL, bound(create.apply(SimulatedNodes.pod("not-ssd", "100m", null).editSpec().withNewAffinity()
                .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey("disk").withOperator("NotIn").withValues("ssd").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                .endAffinity().endSpec())));
        // A database in zone b; its cache must share the zone (pod affinity by zone) → the large node.
        Pod db = create.apply(SimulatedNodes.pod("db", "100m", null).editMetadata().addToLabels("app", "db").endMetadata()
                .editSpec().addToNodeSelector(ZONE, "b").endSpec());
        assertEquals(LARGE, bound(db));
        assertEquals(LARGE, bound(create.apply(SimulatedNodes.pod("db-cache", "100m", null).editSpec().withNewAffinity()
                .withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term("app", "db", ZONE))
                .endPodAffinity().endAffinity().endSpec())));
        // Three web replicas that must not share a node spread over the three nodes; a fourth fits nowhere.
        Set<String> webNodes = new HashSet<>();
        for (int i = 1; i <= 3; i++) {
            webNodes.add(bound(create.apply(web("web-" + i))));
        }
        assertEquals(Set.of(SMALL, MEDIUM, LARGE), webNodes);
        Pod fourth = create.apply(web("web-4"));
        String message = awaitUnschedulable(fourth);
        assertTrue(message.startsWith("0/") && message.contains(" nodes are available: ")
                && message.contains("3 node(s) didn't match pod anti-affinity rules"), message);
    }

    @Test
    void aPodThatFitsNowhereIsToldWhyAndPlacedWhenANodeFits() throws Exception {
        Pod big = create(SimulatedNodes.pod("needs-twelve-cpu", "12", "1Gi").build());
        String message = awaitUnschedulable(big);
        assertTrue(message.contains("3 Insufficient cpu"), message);
        Event event = awaitEvent("needs-twelve-cpu", "FailedScheduling", e -> true);
        assertEquals("Warning", event.getType());
        assertTrue(event.getMessage().contains("Insufficient cpu"), event.getMessage());
        assertEquals("default-scheduler", event.getSource().getComponent());
        // A node change that does not help: the pod is tried again, fails the same way, and the event counts up.
        client.nodes().withName(SMALL).edit(n -> {
            n.getMetadata().getLabels().put("kybern.io/touched", "true");
            return n;
        });
        Event again = awaitEvent("needs-twelve-cpu", "FailedScheduling", e -> e.getCount() != null && e.getCount() >= 2);
        assertEquals(event.getMetadata().getName(), again.getMetadata().getName());
        assertEquals(1, client.v1().events().inNamespace(NS).withField("involvedObject.name", "needs-twelve-cpu").list()
                .getItems().stream().filter(e -> "FailedScheduling".equals(e.getReason())).count());

        SimulatedNodes.create(client, HUGE, "16", "32Gi", Map.of(ZONE, "c"));
        assertEquals(HUGE, bound(big));
        Pod placed = client.pods().inNamespace(NS).withName("needs-twelve-cpu").get();
        assertEquals("True", condition(placed, "PodScheduled").getStatus());
    }

    @Test
    void podsForAnotherSchedulerAreLeftAlone() throws Exception {
        create(SimulatedNodes.pod("for-someone-else", "100m", null).editSpec().withSchedulerName("someone-else")
                .endSpec().build());
        // A pod for this scheduler created after it is placed: the scheduler has seen both by then.
        assertEquals(true, bound(create(SimulatedNodes.pod("for-us", "100m", null).build())) != null);
        Pod other = client.pods().inNamespace(NS).withName("for-someone-else").get();
        assertNull(SimulatedNodes.nodeOf(other));
        assertNull(condition(other, "PodScheduled"), "no scheduler spoke of it: " + other.getStatus());
    }

    private static PodBuilder web(String name) {
        return SimulatedNodes.pod(name, "100m", null).editMetadata().addToLabels("app", "web").endMetadata().editSpec()
                .withNewAffinity().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term("app", "web", "kubernetes.io/hostname"))
                .endPodAntiAffinity().endAffinity().endSpec();
    }

    private static io.fabric8.kubernetes.api.model.PodAffinityTerm term(String key, String value, String topologyKey) {
        return new PodAffinityTermBuilder().withLabelSelector(new LabelSelectorBuilder().addToMatchLabels(key, value)
                .build()).withTopologyKey(topologyKey).build();
    }

    private static Pod create(Pod pod) {
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    private static String bound(Pod pod) throws InterruptedException {
        return bound(client, NS, pod.getMetadata().getName(), BIND);
    }

    /** Waits until the pod is bound; returns its node. */
    static String bound(KubernetesClient client, String namespace, String name, Duration timeout)
            throws InterruptedException {
        return SimulatedNodes.nodeOf(Pods.await(client, namespace, name, timeout, "bound",
                p -> SimulatedNodes.nodeOf(p) != null));
    }

    /** Waits for PodScheduled=False, reason Unschedulable; returns its message. */
    private static String awaitUnschedulable(Pod pod) throws InterruptedException {
        Pod seen = Pods.await(client, NS, pod.getMetadata().getName(), BIND, "reported unschedulable", p -> {
            PodCondition c = condition(p, "PodScheduled");
            return c != null && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason());
        });
        assertNull(SimulatedNodes.nodeOf(seen));
        return condition(seen, "PodScheduled").getMessage();
    }

    private static Event awaitEvent(String pod, String reason, Predicate<Event> condition) throws InterruptedException {
        long deadline = System.nanoTime() + BIND.toNanos();
        while (System.nanoTime() < deadline) {
            List<Event> events = client.v1().events().inNamespace(NS).withField("involvedObject.name", pod).list()
                    .getItems();
            for (Event e : events) {
                if (reason.equals(e.getReason()) && condition.test(e)) {
                    return e;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such " + reason + " event for pod " + pod + " within " + BIND);
    }

    private static PodCondition condition(Pod pod, String type) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
                : pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
