package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The garbage collector on the running distribution, with a ReplicaSet's pods running in Docker:
 * {@code kubectl delete rs --cascade=foreground} removes the pods before the ReplicaSet,
 * {@code --cascade=orphan} leaves the pods running without owner, and the default (background)
 * removes the ReplicaSet at once and its pods after. (A Deployment is one more owner level: the same
 * tests apply with {@code deploy} and its ReplicaSet as the dependent.)
 */
@ExtendWith(SharedCluster.class)
class GarbageCollectionIT {

    @RegisterExtension
    static final TestNamespace NAMESPACE = new TestNamespace("gc-it");
    private static final String NS = NAMESPACE.name();
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int GRACE = 3;

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        cluster = NAMESPACE.cluster();
        client = NAMESPACE.client();
    }

    private static ReplicaSet running(String name) throws InterruptedException {
        ReplicaSet rs = Workloads.replicaSet(client, NS, name, 2, GRACE);
        Workloads.awaitReady(client, NS, name, rs, 2, SETTLE);
        return rs;
    }

    private static ReplicaSet get(String name) {
        return client.apps().replicaSets().inNamespace(NS).withName(name).get();
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }

    /** Records, in the order they arrive, the names of the objects of one watch that are deleted. */
    private static final class Deletions<T extends HasMetadata> implements Watcher<T> {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void eventReceived(Action action, T object) {
            if (action == Action.DELETED) {
                seen.add(object.getKind() + "/" + object.getMetadata().getName());
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    @Test
    void foregroundDeletionRemovesThePodsBeforeTheReplicaSet() throws Exception {
        running("fg");
        Deletions<HasMetadata> order = new Deletions<>();
        try (Watch pods = client.pods().inNamespace(NS).withLabel("app", "fg").watch(cast(order));
                Watch sets = client.apps().replicaSets().inNamespace(NS).withField("metadata.name", "fg")
                        .watch(cast(order))) {
            KybernCluster.Result deleted = cluster.kubectl("delete", "rs", "fg", "-n", NS, "--cascade=foreground",
                    "--wait=false");
            assertEquals(0, deleted.exitCode(), deleted.output());

            ReplicaSet waiting = get("fg");
            assertTrue(waiting != null && waiting.getMetadata().getDeletionTimestamp() != null
                    && waiting.getMetadata().getFinalizers().contains("foregroundDeletion"),
                    "the ReplicaSet stays, being deleted in the foreground: " + (waiting == null ? "gone" : waiting.getMetadata()));
            assertEquals(2, Workloads.pods(client, NS, "fg").size(), "its pods still exist (they take " + GRACE
                    + " s to stop)");
            Await.until(SETTLE, "pods terminating while the ReplicaSet waits", () -> Workloads.pods(client, NS, "fg"),
                    ps -> ps.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() != null)
                            && get("fg") != null);

            Await.until(SETTLE, "the ReplicaSet gone", () -> get("fg") == null ? "gone" : "there", "gone"::equals);
            assertEquals(List.of(), Workloads.pods(client, NS, "fg"), "no pod outlives the ReplicaSet");
            List<String> seen = Await.until(Duration.ofSeconds(10), "three deletions watched",
                    () -> List.copyOf(order.seen), s -> s.size() == 3);
            assertEquals("ReplicaSet/fg", seen.get(2), "the ReplicaSet goes last: " + seen);
        }
    }

    /**
     * Three levels, as a Deployment, its ReplicaSet and their pods: here a ConfigMap owns the
     * ReplicaSet (no controller manages a ConfigMap, so nothing else acts on the chain). Deleted in
     * the foreground, the ReplicaSet is deleted in the foreground too, so the pods go first, then
     * the ReplicaSet, then the ConfigMap.
     */
    @Test
    void foregroundDeletionGoesDownEveryLevel() throws Exception {
        ConfigMap top = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("chain").endMetadata().build()).create();
        ReplicaSet rs = Workloads.replicaSet(client, NS, "chain", 2, GRACE, Workloads.blockingReference(top));
        Workloads.awaitReady(client, NS, "chain", rs, 2, SETTLE);
        Deletions<HasMetadata> order = new Deletions<>();
        try (Watch pods = client.pods().inNamespace(NS).withLabel("app", "chain").watch(cast(order));
                Watch sets = client.apps().replicaSets().inNamespace(NS).withField("metadata.name", "chain")
                        .watch(cast(order));
                Watch maps = client.configMaps().inNamespace(NS).withField("metadata.name", "chain")
                        .watch(cast(order))) {
            KybernCluster.Result deleted = cluster.kubectl("delete", "configmap", "chain", "-n", NS,
                    "--cascade=foreground", "--timeout=60s");
            assertEquals(0, deleted.exitCode(), deleted.output());
            List<String> seen = Await.until(Duration.ofSeconds(10), "four deletions watched",
                    () -> List.copyOf(order.seen), s -> s.size() == 4);
            assertEquals(List.of("Pod", "Pod", "ReplicaSet/chain", "ConfigMap/chain"),
                    seen.stream().map(s -> s.startsWith("Pod/") ? "Pod" : s).toList(), "deleted bottom up: " + seen);
        }
    }

    /** The case: a Deployment deleted in the foreground goes after its ReplicaSet and their pods. */
    @Test
    void foregroundDeletionOfADeploymentRemovesItsReplicaSetAndPodsFirst() throws Exception {
        Deployment deployment = Workloads.deployment(client, NS, "dep", 2, GRACE);
        Await.until(SETTLE, "2 pods of the Deployment Ready", () -> Workloads.pods(client, NS, "dep"),
                ps -> ps.size() == 2 && ps.stream().allMatch(Pods::ready));
        assertEquals(1, client.apps().replicaSets().inNamespace(NS).withLabel("app", "dep").list().getItems().stream()
                .filter(rs -> Workloads.ownedBy(rs, deployment)).count(), "one ReplicaSet of the Deployment");
        Deletions<HasMetadata> order = new Deletions<>();
        try (Watch pods = client.pods().inNamespace(NS).withLabel("app", "dep").watch(cast(order));
                Watch sets = client.apps().replicaSets().inNamespace(NS).withLabel("app", "dep").watch(cast(order));
                Watch deployments = client.apps().deployments().inNamespace(NS).withField("metadata.name", "dep")
                        .watch(cast(order))) {
            KybernCluster.Result deleted = cluster.kubectl("delete", "deployment", "dep", "-n", NS,
                    "--cascade=foreground", "--timeout=60s");
            assertEquals(0, deleted.exitCode(), deleted.output());
            List<String> seen = Await.until(Duration.ofSeconds(10), "four deletions watched",
                    () -> List.copyOf(order.seen), s -> s.size() == 4);
            assertEquals(List.of("Pod", "Pod", "ReplicaSet", "Deployment/dep"), seen.stream()
                    .map(s -> s.startsWith("Pod/") ? "Pod" : s.startsWith("ReplicaSet/") ? "ReplicaSet" : s).toList(),
                    "deleted bottom up: " + seen);
        }
    }

    @Test
    void orphanDeletionLeavesThePodsRunningWithoutOwner() throws Exception {
        running("orphan");
        Set<String> before = names(Workloads.pods(client, NS, "orphan"));
        KybernCluster.Result deleted = cluster.kubectl("delete", "rs", "orphan", "-n", NS, "--cascade=orphan",
                "--timeout=60s");
        assertEquals(0, deleted.exitCode(), deleted.output());
        assertNull(get("orphan"), "kubectl waited until the ReplicaSet was gone");

        List<Pod> pods = Workloads.pods(client, NS, "orphan");
        assertEquals(before, names(pods), "the same pods");
        for (Pod pod : pods) {
            assertFalse(Workloads.hasOwners(pod), "no owner left: " + pod.getMetadata().getOwnerReferences());
            assertNull(pod.getMetadata().getDeletionTimestamp(), "not deleted");
            assertTrue(Pods.ready(pod), "still running");
        }
        assertEquals(0, cluster.kubectl("delete", "pods", "-l", "app=orphan", "-n", NS, "--wait=false").exitCode());
    }

    @Test
    void backgroundDeletionRemovesTheReplicaSetAtOnceAndThePodsAfter() throws Exception {
        running("bg");
        Set<String> before = names(Workloads.pods(client, NS, "bg"));
        KybernCluster.Result deleted = cluster.kubectl("delete", "rs", "bg", "-n", NS, "--timeout=60s");
        assertEquals(0, deleted.exitCode(), deleted.output());
        assertNull(get("bg"), "the ReplicaSet is gone");
        assertEquals(before, names(Workloads.pods(client, NS, "bg")), "its pods are still there (stopping takes "
                + GRACE + " s)");
        Await.until(SETTLE, "the pods deleted after their owner", () -> Workloads.pods(client, NS, "bg"),
                List::isEmpty);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> Watcher<T> cast(Watcher<? extends HasMetadata> watcher) {
        return (Watcher<T>) watcher;
    }
}
