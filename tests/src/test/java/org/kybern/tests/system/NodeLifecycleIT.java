package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node death and return on the running distribution: with a second kubelet (as in {@link TwoNodesIT})
 * running a ReplicaSet's pods, stopping that kubelet makes the node lifecycle controller mark its Node
 * Ready=Unknown and taint it unreachable within the grace period; taint eviction deletes its pods after
 * their toleration and the ReplicaSet replaces them on the first node; the kubelet back, the taints go.
 * Short values (grace 20 s: the kubelet renews every 10 s; toleration 5 s) come from an etc/ file for
 * the configuration {@code org.kybern.controller}, removed at the end.
 */
@ExtendWith(SharedCluster.class)
class NodeLifecycleIT {

    private static final String NS = "node-lifecycle-it";
    private static final int GRACE = 20;
    private static final int TOLERATION = 5;
    private static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private static final String RS = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: web
                    image: kybern/busybox:1
                    command: [sh, -c, 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done']
            """;

    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static String first;
    private static ExtraKubelet dying;
    private static String second;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        first = cluster.nodeName();
        dying = ExtraKubelet.start(cluster, "dying");
        second = dying.nodeName();
        Pods.createNamespace(client, NS);
        String leader = leader();
        ExtraKubelet.write(controllerConfig(), "nodeMonitorGracePeriodSeconds = " + GRACE + "\ndefaultTolerationSeconds = "
                + TOLERATION + "\n");
        // The controller manager restarts with the new configuration: a new identity takes the Lease.
        Await.until(Duration.ofSeconds(60), "the controller manager restarted with the short settings",
                NodeLifecycleIT::leader, l -> l != null && !l.isEmpty() && !l.equals(leader));
        PodsIT.awaitNodeReady(client, first);
        PodsIT.awaitNodeReady(client, second);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (client == null) {
            return;
        }
        cordon(first, false);
        client.apps().replicaSets().inNamespace(NS).withName("web").delete();
        if (!dying.running()) {
            dying.start(); // its kubelet ends what it ran there
        }
        cluster.kubectl("delete", "pods", "--all", "-n", NS, "--wait=true", "--timeout=60s");
        dying.stop();
        Files.deleteIfExists(controllerConfig());
        client.nodes().withName(second).delete();
        client.resources(Lease.class).inNamespace("kube-node-lease").withName(second).delete();
        client.namespaces().withName(NS).delete();
        client.close();
    }

    @Test
    void aDeadNodeIsTaintedItsPodsMoveAndItIsUntaintedWhenBack() throws Exception {
        // Its pods on the second node: the first is cordoned while they are placed.
        cordon(first, true);
        try {
            client.apps().replicaSets().inNamespace(NS).load(new ByteArrayInputStream(RS.getBytes(StandardCharsets.UTF_8)))
                    .create();
            Await.until(Duration.ofSeconds(90), "2 pods running on " + second, NodeLifecycleIT::live,
                    ps -> ps.size() == 2 && ps.stream().allMatch(p -> Pods.ready(p) && second.equals(p.getSpec().getNodeName())));
        } finally {
            cordon(first, false);
        }

        long stopped = System.nanoTime();
        dying.stop(); // no more Lease renewals
        Node dead = Await.until(Duration.ofSeconds(GRACE + 10 + 20), second + " Unknown and tainted unreachable",
                () -> client.nodes().withName(second).get(),
                n -> "Unknown".equals(ready(n).getStatus()) && hasTaint(n, "NoSchedule") && hasTaint(n, "NoExecute"));
        System.out.printf("%s Unknown and tainted %d s after its kubelet stopped%n", second,
                Duration.ofNanos(System.nanoTime() - stopped).toSeconds());
        assertEquals("NodeStatusUnknown", ready(dead).getReason());
        assertEquals("Kubelet stopped posting node status.", ready(dead).getMessage());
        assertTrue(dead.getStatus().getConditions().stream().allMatch(c -> "Unknown".equals(c.getStatus())),
                "every condition Unknown: " + dead.getStatus().getConditions());
        awaitEvent(second, "NodeNotReady");

        long tainted = System.nanoTime();
        List<Pod> moved = Await.until(Duration.ofSeconds(TOLERATION + 60), "2 pods ready on " + first,
                NodeLifecycleIT::live, ps -> ps.size() == 2 && ps.stream().allMatch(p -> Pods.ready(p)
                        && first.equals(p.getSpec().getNodeName())));
        System.out.printf("pods replaced on %s %d s after the taint%n", first,
                Duration.ofNanos(System.nanoTime() - tainted).toSeconds());
        assertEquals(2, moved.size());
        List<Pod> left = client.pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> second.equals(p.getSpec().getNodeName())).toList();
        assertFalse(left.isEmpty(), "the dead node's pods stay Terminating: no kubelet confirms");
        for (Pod pod : left) {
            assertTrue(pod.getMetadata().getDeletionTimestamp() != null, pod.getMetadata().getName() + " terminating");
            assertFalse(Pods.ready(pod), pod.getMetadata().getName() + " marked not ready");
        }

        dying.start(); // the kubelet is back
        Await.until(Duration.ofSeconds(60), second + " Ready and untainted", () -> client.nodes().withName(second).get(),
                n -> "True".equals(ready(n).getStatus()) && !hasTaint(n, "NoSchedule") && !hasTaint(n, "NoExecute"));
        awaitEvent(second, "NodeReady");
    }

    /** The ReplicaSet's pods that are not being deleted. */
    private static List<Pod> live() {
        return client.pods().inNamespace(NS).withLabel("app", "web").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static NodeCondition ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow();
    }

    private static boolean hasTaint(Node node, String effect) {
        List<Taint> taints = node.getSpec().getTaints();
        return taints != null && taints.stream().anyMatch(t -> UNREACHABLE.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    private static void awaitEvent(String node, String reason) throws InterruptedException {
        Await.until(Duration.ofSeconds(20), "event " + reason + " for " + node,
                () -> client.v1().events().inAnyNamespace().list().getItems().stream()
                        .filter(e -> node.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                        .toList(),
                events -> !events.isEmpty());
    }

    private static void cordon(String node, boolean unschedulable) {
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setUnschedulable(unschedulable ? true : null);
            return n;
        });
    }

    private static String leader() {
        Lease lease = client.resources(Lease.class).inNamespace("kube-system").withName("kube-controller-manager").get();
        return lease == null || lease.getSpec() == null ? null : Objects.toString(lease.getSpec().getHolderIdentity(), null);
    }

    private static Path controllerConfig() {
        return cluster.stateDir().resolve("karaf/etc/org.kybern.controller.cfg");
    }
}
