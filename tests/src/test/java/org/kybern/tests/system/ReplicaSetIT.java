package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ReplicaSet controller on the running distribution, with pods the kubelet runs in Docker: a
 * ReplicaSet keeps its number of pods whatever happens to them, scales with {@code kubectl scale},
 * releases a pod relabelled out of its selector and adopts it back, and says what it did in events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class ReplicaSetIT {

    private static final String NS = "replicaset-it";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String RS = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: web
                    image: kybern/busybox:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
            """;

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        cluster = SharedCluster.get();
        client = Workloads.newNamespace(cluster, NS);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client != null) {
            client.apps().replicaSets().inNamespace(NS).withName("web").delete();
            Pods.deleteAll(cluster, NS);
        }
    }

    /** The pods the ReplicaSet controls that are not finished or being deleted. */
    private static List<Pod> owned() {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(NS).withName("web").get();
        return client.pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && controlledBy(p, rs)).toList();
    }

    private static boolean controlledBy(Pod pod, ReplicaSet rs) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        return rs != null && refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                && r.getUid().equals(rs.getMetadata().getUid()));
    }

    /** Waits until exactly {@code n} owned pods run Ready and the status says so. */
    private static List<Pod> awaitReady(int n) throws InterruptedException {
        List<Pod> pods = Await.until(SETTLE, n + " owned pods Ready", ReplicaSetIT::owned,
                ps -> ps.size() == n && ps.stream().allMatch(Pods::ready));
        Await.until(SETTLE, "status of " + n + " ready", () -> client.apps().replicaSets().inNamespace(NS).withName("web")
                .get(), rs -> rs.getStatus() != null && Integer.valueOf(n).equals(rs.getStatus().getReplicas())
                        && Integer.valueOf(n).equals(rs.getStatus().getReadyReplicas())
                        && Integer.valueOf(n).equals(rs.getStatus().getAvailableReplicas())
                        && rs.getMetadata().getGeneration().equals(rs.getStatus().getObservedGeneration()));
        return pods;
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void aReplicaSetRunsItsPodsAndReplacesOneThatIsDeleted() throws Exception {
        client.apps().replicaSets().inNamespace(NS)
                .load(new ByteArrayInputStream(RS.getBytes(StandardCharsets.UTF_8))).create();
        List<Pod> pods = awaitReady(3);
        for (Pod pod : pods) {
            assertTrue(pod.getMetadata().getName().startsWith("web-"), pod.getMetadata().getName());
            assertEquals("web", pod.getMetadata().getLabels().get("app"));
        }
        String victim = pods.get(0).getMetadata().getName();
        assertEquals(0, cluster.kubectl("delete", "pod", victim, "-n", NS, "--wait=false").exitCode());
        List<Pod> after = awaitReady(3);
        assertFalse(names(after).contains(victim), "a new pod took the deleted one's place: " + names(after));

        String events = cluster.kubectl("get", "events", "-n", NS, "--field-selector",
                "involvedObject.kind=ReplicaSet,involvedObject.name=web", "-o",
                "custom-columns=REASON:.reason,MESSAGE:.message,SOURCE:.source.component").output();
        assertTrue(events.contains("SuccessfulCreate") && events.contains("Created pod: web-")
                && events.contains("replicaset-controller"), events);
    }

    @Test
    @Order(2)
    void kubectlScaleChangesTheNumberOfPods() throws Exception {
        KybernCluster.Result scaled = cluster.kubectl("scale", "rs", "web", "-n", NS, "--replicas=1");
        assertEquals(0, scaled.exitCode(), scaled.output());
        awaitReady(1);
        String events = cluster.kubectl("get", "events", "-n", NS, "--field-selector",
                "involvedObject.kind=ReplicaSet,reason=SuccessfulDelete", "-o", "custom-columns=MESSAGE:.message").output();
        assertTrue(events.contains("Deleted pod: web-"), events);
        assertEquals(0, cluster.kubectl("scale", "rs", "web", "-n", NS, "--replicas=2").exitCode());
        awaitReady(2);
    }

    @Test
    @Order(3)
    void aPodRelabelledOutOfTheSelectorIsReleasedAndAdoptedBackWhenItMatchesAgain() throws Exception {
        String pod = owned().get(0).getMetadata().getName();
        assertEquals(0, cluster.kubectl("label", "pod", pod, "-n", NS, "app=debug", "--overwrite").exitCode());
        Pod released = Pods.await(client, NS, pod, SETTLE, "released",
                p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty());
        assertTrue(Pods.running(released), "a released pod keeps running");
        List<Pod> replaced = awaitReady(2);
        assertFalse(names(replaced).contains(pod), "a new pod replaces the released one");

        // Matching again, it is adopted: three match, so the controller deletes one to get back to two.
        assertEquals(0, cluster.kubectl("label", "pod", pod, "-n", NS, "app=web", "--overwrite").exitCode());
        // Two owned pods are Ready before the controller has looked: wait for the relabelled one itself.
        Await.until(SETTLE, pod + " adopted (or deleted as the surplus)", () -> {
            Pod back = client.pods().inNamespace(NS).withName(pod).get();
            return back == null || back.getMetadata().getDeletionTimestamp() != null
                    || controlledBy(back, client.apps().replicaSets().inNamespace(NS).withName("web").get())
                    ? "settled" : String.valueOf(back.getMetadata());
        }, "settled"::equals);
        awaitReady(2);
    }

    @Test
    @Order(4)
    void theConsoleShowsTheControllerManagerLeadingAndItsControllers() throws Exception {
        KybernCluster.Result shown = cluster.kybern("console", "kybern:controllers");
        assertEquals(0, shown.exitCode(), shown.output());
        assertTrue(shown.output().contains("state:    leading"), shown.output());
        assertTrue(shown.output().matches("(?s).*replicaset-controller \\(\\d+ queued\\).*"), shown.output());
    }
}
