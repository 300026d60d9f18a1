package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes on one machine: a second kubelet added as a factory
 * configuration (a file in {@code etc/}), beside the one {@code ./kybern up} starts. Both share this machine's dockerd;
 * each registers its own Node, turns Ready and runs only the pods bound to it.
 */
@ExtendWith(SharedCluster.class)
class TwoNodesIT {

    private static final String NS = "two-nodes-it";
    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static String first;
    private static ExtraKubelet secondKubelet;
    private static String second;

    @BeforeAll
    static void addSecondKubelet() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        first = cluster.nodeName();
        secondKubelet = ExtraKubelet.start(cluster, "second");
        second = secondKubelet.nodeName();
        Pods.createNamespace(client, NS);
    }

    @AfterAll
    static void removeSecondKubelet() throws Exception {
        if (client == null) {
            return;
        }
        cluster.kubectl("delete", "pods", "--all", "-n", NS, "--wait=true", "--timeout=60s");
        secondKubelet.stop(); // what it ran is gone with the pods
        client.nodes().withName(second).delete();
        client.close();
    }

    @Test
    void eachNodeIsReadyAndRunsOnlyItsOwnPods() throws Exception {
        PodsIT.awaitNodeReady(client, first);
        PodsIT.awaitNodeReady(client, second);
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done']
                """;
        Pod onFirst = Pods.create(client, NS, first, pod.formatted("on-first"));
        Pod onSecond = Pods.create(client, NS, second, pod.formatted("on-second"));
        Duration start = Duration.ofSeconds(60);
        Pods.await(client, NS, "on-first", start, "Running", Pods::running);
        Pods.await(client, NS, "on-second", start, "Running", Pods::running);
        assertRunsOnlyOn(onFirst, first);
        assertRunsOnlyOn(onSecond, second);
    }

    /** Every container of the pod carries the node label of {@code node}, and there are some. */
    private static void assertRunsOnlyOn(Pod pod, String node) throws Exception {
        String uid = pod.getMetadata().getUid();
        List<String> all = Docker.containersLabelled("io.kybern.pod.uid", uid);
        assertTrue(!all.isEmpty(), "no containers for " + pod.getMetadata().getName());
        assertEquals(Set.copyOf(all), Docker.containersLabelled("io.kybern.node.name", node).stream()
                .filter(all::contains).collect(Collectors.toSet()),
                pod.getMetadata().getName() + " has containers of another node");
    }
}
