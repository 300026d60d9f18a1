package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Deployment controller on the running distribution, with pods the kubelet runs in Docker and
 * the real kubectl: create, self-heal, scale, a rolling update that keeps within maxSurge and
 * maxUnavailable at every moment a watch sees, a broken version that stops at the bound while the
 * old pods serve and exceeds its progress deadline, and kubectl rollout history/undo/pause/resume/restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class DeploymentIT {

    private static final String NS = "deployment-it";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String GOOD = "kybern/busybox:1";
    private static final String GOOD2 = "kybern/busybox:web2";
    /** Its environment makes the command exit at once: a version that never becomes Ready. */
    private static final String BROKEN = "kybern/busybox:broken";
    private static final String COMMAND = "test -z \"$BROKEN\" || exit 1; trap 'exit 0' TERM; while :; do sleep 1; done";

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        tagVersions();
        cluster = SharedCluster.get();
        client = Workloads.newNamespace(cluster, NS);
    }

    /**
     * The second good version and the broken one, made here from kybern/busybox:1. Tagging again is a
     * no-op; a commit makes a new image each time (and leaves the last one dangling), so the broken
     * version is made only when missing.
     */
    private static void tagVersions() throws Exception {
        Docker.run("tag", GOOD, GOOD2);
        if (!Docker.run("images", "-q", BROKEN).isEmpty()) {
            return;
        }
        String container = Docker.run("create", GOOD, "sh");
        try {
            Docker.run("commit", "--change", "ENV BROKEN=1", container, BROKEN);
        } finally {
            Docker.run("rm", container);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client != null) {
            cluster.kubectl("delete", "deployments,replicasets", "--all", "-n", NS, "--wait=false");
            Pods.deleteAll(cluster, NS);
        }
    }

    private static KybernCluster.Result kubectl(String... args) throws Exception {
        String[] withNamespace = new String[args.length + 2];
        withNamespace[0] = "-n";
        withNamespace[1] = NS;
        System.arraycopy(args, 0, withNamespace, 2, args.length);
        return cluster.kubectl(withNamespace);
    }

    private static void ok(String... args) throws Exception {
        KybernCluster.Result result = kubectl(args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ":\n" + result.output());
    }

    private static Deployment deployment() {
        return client.apps().deployments().inNamespace(NS).withName("web").get();
    }

    private static List<Pod> live() {
        return client.pods().inNamespace(NS).list().getItems().stream().filter(DeploymentIT::counts).toList();
    }

    /** Not finished and not being deleted: what the controllers count. */
    private static boolean counts(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus() == null || d.getStatus().getConditions() == null ? null : d.getStatus().getConditions()
                .stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** Waits until exactly {@code n} pods of {@code image} run Ready, no other pods exist, and the status agrees. */
    private static List<Pod> awaitRolledOut(int n, String image) throws InterruptedException {
        List<Pod> pods = Await.until(SETTLE, n + " Ready pods of " + image, DeploymentIT::live,
                ps -> ps.size() == n && ps.stream().allMatch(p -> Pods.ready(p) && image.equals(image(p))));
        Await.until(SETTLE, "status of " + n + " updated and available", DeploymentIT::deployment,
                d -> d.getStatus() != null && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                        && List.of(n, n, n, n).equals(List.of(zero(d.getStatus().getReplicas()),
                                zero(d.getStatus().getUpdatedReplicas()), zero(d.getStatus().getReadyReplicas()),
                                zero(d.getStatus().getAvailableReplicas()))));
        return pods;
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static String revision(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("deployment.kubernetes.io/revision");
    }

    @Test
    @Order(1)
    void kubectlCreateDeploymentRunsItsPodsThroughAReplicaSetNamedAfterTheTemplateHash() throws Exception {
        ok("create", "deployment", "web", "--image=" + GOOD, "--replicas=5", "--", "sh", "-c", COMMAND);
        ok("patch", "deployment", "web", "-p", "{\"spec\":{\"progressDeadlineSeconds\":10,\"minReadySeconds\":2}}");
        List<Pod> pods = awaitRolledOut(5, GOOD);
        List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(NS).list().getItems();
        assertEquals(1, replicaSets.size());
        ReplicaSet rs = replicaSets.get(0);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertEquals("web-" + hash, rs.getMetadata().getName());
        assertEquals(hash, rs.getSpec().getSelector().getMatchLabels().get("pod-template-hash"));
        assertEquals("Deployment", rs.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals("1", revision(rs));
        assertEquals("5", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/desired-replicas"));
        assertEquals("7", rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/max-replicas"));
        for (Pod pod : pods) {
            assertEquals(hash, pod.getMetadata().getLabels().get("pod-template-hash"));
        }
        Deployment d = deployment();
        assertEquals("1", revision(d));
        assertEquals("MinimumReplicasAvailable", condition(d, "Available").getReason());
        assertEquals("NewReplicaSetAvailable", condition(d, "Progressing").getReason());
        String events = kubectl("get", "events", "--field-selector", "involvedObject.kind=Deployment,reason=ScalingReplicaSet",
                "-o", "custom-columns=MESSAGE:.message,SOURCE:.source.component").output();
        assertTrue(events.contains("Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 5")
                && events.contains("deployment-controller"), events);
    }

    @Test
    @Order(2)
    void aKilledContainerIsRestartedAndTheDeploymentIsWholeAgain() throws Exception {
        Pod victim = live().get(0);
        String container = victim.getStatus().getContainerStatuses().get(0).getContainerID();
        Docker.run("kill", Docker.id(container));
        Pods.await(client, NS, victim.getMetadata().getName(), SETTLE, "restarted and Ready",
                p -> Pods.restarts(p, "busybox") >= 1 && Pods.ready(p));
        awaitRolledOut(5, GOOD);
    }

    @Test
    @Order(3)
    void kubectlScaleResizesTheDeployment() throws Exception {
        ok("scale", "deployment", "web", "--replicas=2");
        awaitRolledOut(2, GOOD);
        String events = kubectl("get", "events", "--field-selector", "involvedObject.kind=Deployment,reason=ScalingReplicaSet",
                "-o", "custom-columns=MESSAGE:.message").output();
        assertTrue(events.contains("from 5 to 2"), events);
    }

    @Test
    @Order(4)
    void aRollingUpdateNeverExceedsMaxSurgeNorDropsBelowMaxUnavailable() throws Exception {
        // 2 replicas with 25%: maxSurge 1 (rounded up), maxUnavailable 0 (rounded down).
        try (PodCounter counter = new PodCounter()) {
            ok("set", "image", "deployment/web", "busybox=" + GOOD2);
            KybernCluster.Result status = kubectl("rollout", "status", "deployment/web", "--timeout=90s");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().contains("successfully rolled out"), status.output());
            awaitRolledOut(2, GOOD2);
            assertTrue(counter.mostPods <= 3, "never more than replicas + maxSurge pods: " + counter.mostPods);
            assertTrue(counter.fewestReady >= 2, "never fewer than replicas - maxUnavailable ready: " + counter.fewestReady);
            assertTrue(counter.events > 4, "the watch saw the rollout: " + counter.events + " events");
        }
        assertEquals("2", revision(deployment()));
    }

    @Test
    @Order(5)
    void aVersionThatNeverBecomesReadyStopsAtTheBoundWhileTheOldPodsServe() throws Exception {
        Set<String> serving = names(live());
        try (PodCounter counter = new PodCounter()) {
            ok("set", "image", "deployment/web", "busybox=" + BROKEN);
            Deployment stuck = Await.until(SETTLE, "progress deadline exceeded", DeploymentIT::deployment, d -> {
                DeploymentCondition progressing = condition(d, "Progressing");
                return progressing != null && "ProgressDeadlineExceeded".equals(progressing.getReason());
            });
            assertEquals("False", condition(stuck, "Progressing").getStatus());
            List<Pod> pods = live();
            Set<String> oldReady = pods.stream().filter(p -> GOOD2.equals(image(p)) && Pods.ready(p))
                    .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
            assertEquals(serving, oldReady, "the old pods keep serving");
            assertEquals(1, pods.stream().filter(p -> BROKEN.equals(image(p))).count(), "one new pod: the surge");
            assertTrue(counter.mostPods <= 3, "never more than replicas + maxSurge pods: " + counter.mostPods);
            assertTrue(counter.fewestReady >= 2, "old pods were never taken down: " + counter.fewestReady);
        }
        KybernCluster.Result status = kubectl("rollout", "status", "deployment/web", "--timeout=30s");
        assertNotEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("deployment \"web\" exceeded its progress deadline"), status.output());
    }

    @Test
    @Order(6)
    void kubectlRolloutHistoryListsTheRevisionsAndUndoRestoresTheGoodVersion() throws Exception {
        KybernCluster.Result history = kubectl("rollout", "history", "deployment/web");
        assertEquals(0, history.exitCode(), history.output());
        List<String> revisions = history.output().lines().map(String::trim).filter(l -> l.matches("\\d+\\s+.*"))
                .map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.of("1", "2", "3"), revisions, history.output());

        ok("rollout", "undo", "deployment/web");
        KybernCluster.Result status = kubectl("rollout", "status", "deployment/web", "--timeout=90s");
        assertEquals(0, status.exitCode(), status.output());
        awaitRolledOut(2, GOOD2);
        assertEquals("4", revision(deployment()), "the undone-to revision is the newest");
    }

    @Test
    @Order(7)
    void aPausedDeploymentDoesNotRollUntilResumed() throws Exception {
        ok("rollout", "pause", "deployment/web");
        ok("set", "image", "deployment/web", "busybox=" + GOOD);
        Deployment seen = Await.until(SETTLE, "the change observed while paused", DeploymentIT::deployment,
                d -> d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                        && condition(d, "Progressing") != null
                        && "DeploymentPaused".equals(condition(d, "Progressing").getReason()));
        assertEquals("Unknown", condition(seen, "Progressing").getStatus());
        List<Pod> pods = live();
        assertTrue(pods.stream().allMatch(p -> GOOD2.equals(image(p))), "paused: nothing rolled");
        assertEquals(2, pods.size());
        assertTrue(client.apps().replicaSets().inNamespace(NS).list().getItems().stream()
                .filter(rs -> GOOD.equals(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()))
                .allMatch(rs -> rs.getSpec().getReplicas() == 0), "paused: the ReplicaSet of the new template stays at 0");

        ok("rollout", "resume", "deployment/web");
        KybernCluster.Result status = kubectl("rollout", "status", "deployment/web", "--timeout=90s");
        assertEquals(0, status.exitCode(), status.output());
        awaitRolledOut(2, GOOD);
    }

    @Test
    @Order(8)
    void kubectlRolloutRestartReplacesEveryPod() throws Exception {
        Set<String> before = names(live());
        int replicaSets = client.apps().replicaSets().inNamespace(NS).list().getItems().size();
        ok("rollout", "restart", "deployment/web");
        KybernCluster.Result status = kubectl("rollout", "status", "deployment/web", "--timeout=90s");
        assertEquals(0, status.exitCode(), status.output());
        List<Pod> after = awaitRolledOut(2, GOOD);
        assertTrue(names(after).stream().noneMatch(before::contains), before + " replaced by " + names(after));
        assertEquals(replicaSets + 1, client.apps().replicaSets().inNamespace(NS).list().getItems().size(),
                "a new ReplicaSet for the restarted template");
    }

    /**
     * Watches the namespace's pods (list, then watch) from before a change, and keeps the most pods and
     * the fewest Ready pods (of those not finished or being deleted) at any moment it saw.
     */
    private static final class PodCounter implements AutoCloseable {
        private final Map<String, Pod> pods = new ConcurrentHashMap<>();
        private final SharedIndexInformer<Pod> informer;
        volatile int mostPods;
        volatile int fewestReady = Integer.MAX_VALUE;
        volatile int events;
        private volatile boolean synced;

        PodCounter() {
            informer = client.pods().inNamespace(NS).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    seen(pod, false);
                }

                @Override
                public void onUpdate(Pod old, Pod pod) {
                    seen(pod, false);
                }

                @Override
                public void onDelete(Pod pod, boolean unknownFinalState) {
                    seen(pod, true);
                }
            });
            synced = true;
            record();
        }

        private synchronized void seen(Pod pod, boolean deleted) {
            if (deleted || !counts(pod)) {
                pods.remove(pod.getMetadata().getName());
            } else {
                pods.put(pod.getMetadata().getName(), pod);
            }
            events++;
            record();
        }

        /** The counts now; the fewest Ready only once the initial list is complete. */
        private synchronized void record() {
            mostPods = Math.max(mostPods, pods.size());
            if (synced) {
                fewestReady = Math.min(fewestReady, (int) pods.values().stream().filter(Pods::ready).count());
            }
        }

        @Override
        public void close() {
            informer.close();
        }
    }
}
