package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Swapping the scheduler and its plugins while the cluster runs, from the Karaf console: with the
 * scheduler bundle stopped pods wait, started again it places them; the default profile spreads pods
 * over equal nodes; installing the bin-packing feature makes the profile {@code bin-packing} (which
 * waited for its plugin) pack them onto one node. Nothing is restarted.
 */
@ExtendWith(SharedCluster.class)
class SchedulerSwapIT {

    private static final String NS = "scheduler-swap-it";
    private static final String POOL = "scheduler-swap-it/pool";
    private static final List<String> NODES = List.of("sim-swap-1", "sim-swap-2", "sim-swap-3");
    private static final Duration BIND = Duration.ofSeconds(30);
    /** How long a pod must stay unbound to count as left waiting. */
    private static final Duration WAITING = Duration.ofSeconds(5);
    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void nodes() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        for (String node : NODES) {
            SimulatedNodes.create(client, node, "4", "8Gi", Map.of(POOL, "yes"));
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client == null) {
            return;
        }
        cluster.kybern("console", "bundle:start org.kybern.scheduler");
        cluster.kybern("console", "feature:uninstall kybern-scheduler-binpacking");
        SimulatedNodes.cleanUp(cluster, client, NS, NODES.toArray(String[]::new));
        client.close();
    }

    @Test
    void stoppingTheSchedulerLeavesPodsPendingAndStartingItPlacesThem() throws Exception {
        console("bundle:stop org.kybern.scheduler");
        try {
            Pod waiting = create(pod("while-stopped", null));
            assertStaysUnbound(waiting);
        } finally {
            console("bundle:start org.kybern.scheduler");
        }
        assertEquals(true, NODES.contains(SchedulerIT.bound(client, NS, "while-stopped", BIND)));
        // Out of the way of the spreading test: nothing on these nodes but what that test places.
        client.pods().inNamespace(NS).withName("while-stopped").withGracePeriod(0).delete();
        Pods.awaitGone(client, NS, "while-stopped", BIND);
    }

    @Test
    void theBinPackingFeaturePacksWhatTheDefaultProfileSpreads() throws Exception {
        Set<String> spread = new HashSet<>();
        for (int i = 1; i <= 3; i++) {
            spread.add(SchedulerIT.bound(client, NS, create(pod("spread-" + i, null)).getMetadata().getName(), BIND));
        }
        assertEquals(new HashSet<>(NODES), spread, "the default profile spreads three pods over three equal nodes");

        // The profile bin-packing is configured (etc/org.kybern.scheduler.cfg) but its plugin is not installed:
        // its pods wait for it.
        Pod early = create(pod("packed-early", "bin-packing"));
        assertStaysUnbound(early);
        console("feature:install kybern-scheduler-binpacking");
        List<String> packed = new ArrayList<>();
        packed.add(SchedulerIT.bound(client, NS, "packed-early", BIND));
        for (int i = 1; i <= 3; i++) {
            packed.add(SchedulerIT.bound(client, NS, create(pod("packed-" + i, "bin-packing")).getMetadata().getName(),
                    BIND));
        }
        assertEquals(1, new HashSet<>(packed).size(), "bin-packing puts every pod on the fullest node: " + packed);

        // Switching the default profile to pack, from the console: the next default pods join the full node.
        console("config:property-set -p org.kybern.scheduler profile.default-scheduler "
                + "\"-NodeResourcesLeastAllocated, +NodeResourcesMostAllocated\"");
        try {
            awaitDefaultScoring("NodeResourcesMostAllocated=1");
            for (int i = 1; i <= 2; i++) {
                assertEquals(packed.get(0), SchedulerIT.bound(client, NS, create(pod("switched-" + i, null))
                        .getMetadata().getName(), BIND), "the default profile packs after the switch");
            }
        } finally {
            console("config:property-delete -p org.kybern.scheduler profile.default-scheduler");
        }
        awaitDefaultScoring("NodeResourcesLeastAllocated=1");
    }

    /** Waits until {@code kybern:scheduler} shows the default profile scoring with {@code plugin} (and only the one of the two). */
    private static void awaitDefaultScoring(String plugin) throws Exception {
        long deadline = System.nanoTime() + BIND.toNanos();
        String shown = "";
        while (System.nanoTime() < deadline) {
            shown = cluster.kybern("console", "kybern:scheduler").output();
            int at = shown.indexOf("profile default-scheduler");
            String profile = at < 0 ? "" : shown.substring(at);
            int next = profile.indexOf("\nprofile ", 1);
            profile = next < 0 ? profile : profile.substring(0, next);
            String other = plugin.startsWith("NodeResourcesMost") ? "NodeResourcesLeastAllocated" : "NodeResourcesMostAllocated";
            if (profile.contains(plugin) && !profile.contains(other)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("kybern:scheduler never showed " + plugin + " in the default profile:\n" + shown);
    }

    private static PodBuilder pod(String name, String schedulerName) {
        return SimulatedNodes.pod(name, "500m", "512Mi").editSpec().addToNodeSelector(POOL, "yes")
                .withSchedulerName(schedulerName).endSpec();
    }

    private static Pod create(PodBuilder pod) {
        return client.pods().inNamespace(NS).resource(pod.build()).create();
    }

    /** The pod stays without a node for {@link #WAITING}: the window in which a scheduler would have bound it. */
    private static void assertStaysUnbound(Pod pod) throws InterruptedException {
        long end = System.nanoTime() + WAITING.toNanos();
        while (System.nanoTime() < end) {
            assertNull(SimulatedNodes.nodeOf(client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get()),
                    pod.getMetadata().getName() + " was bound");
            Thread.sleep(250);
        }
    }

    private static void console(String command) throws Exception {
        KybernCluster.Result r = cluster.kybern("console", command);
        assertEquals(0, r.exitCode(), command + ": " + r.output());
    }
}
