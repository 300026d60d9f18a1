package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.ContainerStatus.State;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.kubelet.internal.PodStatusComputer.Observed;
import org.kybern.kubelet.internal.PodStatusComputer.Waiting;

class PodStatusComputerTest {

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final PodSandboxStatus sandbox = new PodSandboxStatus("sb1", PodSandboxStatus.State.READY, "172.17.0.5",
            now.minusSeconds(60), Map.of());

    private Pod pod(String restartPolicy, boolean withInit) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("u-1").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy)
                .addNewContainer().withName("server").withImage("kybern/busybox:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("kybern/busybox:1").endContainer().endSpec();
        if (withInit) {
            b.editSpec().addNewInitContainer().withName("setup").withImage("kybern/busybox:1").endInitContainer().endSpec();
        }
        return b.build();
    }

    private static ContainerStatus container(String id, String name, int attempt, State state, int exitCode, String reason,
            Instant started, Instant finished) {
        return new ContainerStatus(id, "sb1", name, "kybern/busybox:1", "sha256:img", state, exitCode, started, started,
                finished, reason, null, Map.of(RuntimeLabels.CONTAINER_NAME, name,
                        RuntimeLabels.CONTAINER_ATTEMPT, Integer.toString(attempt)));
    }

    private PodStatus build(Pod pod, Map<String, List<ContainerStatus>> attempts, Map<String, Waiting> waiting,
            boolean ready) {
        return PodStatusComputer.build(pod, new Observed(sandbox, attempts, waiting, id -> ready, id -> true),
                "127.0.0.1", "docker", now);
    }

    private static PodCondition condition(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void twoRunningReadyContainersMakeARunningReadyPod() {
        Map<String, List<ContainerStatus>> attempts = Map.of(
                "server", List.of(container("c1", "server", 0, State.RUNNING, 0, null, now.minusSeconds(30), null)),
                "sidecar", List.of(container("c2", "sidecar", 0, State.RUNNING, 0, null, now.minusSeconds(30), null)));
        PodStatus s = build(pod("Always", false), attempts, Map.of(), true);
        assertEquals("Running", s.getPhase());
        assertEquals("True", condition(s, "Ready").getStatus());
        assertEquals("True", condition(s, "ContainersReady").getStatus());
        assertEquals("True", condition(s, "Initialized").getStatus());
        assertEquals("True", condition(s, "PodScheduled").getStatus());
        assertEquals("172.17.0.5", s.getPodIP());
        assertEquals("127.0.0.1", s.getHostIP());
        assertEquals("docker://c1", s.getContainerStatuses().get(0).getContainerID());
        assertTrue(s.getContainerStatuses().get(0).getReady());
        assertTrue(s.getContainerStatuses().get(0).getStarted());
        assertEquals("2026-11-25T09:59:30Z", s.getContainerStatuses().get(0).getState().getRunning().getStartedAt());
        assertEquals("BestEffort", s.getQosClass());
    }

    @Test
    void aFailingReadinessProbeMakesThePodUnreadyWithoutTouchingItsContainers() {
        Map<String, List<ContainerStatus>> attempts = Map.of(
                "server", List.of(container("c1", "server", 0, State.RUNNING, 0, null, now, null)),
                "sidecar", List.of(container("c2", "sidecar", 0, State.RUNNING, 0, null, now, null)));
        PodStatus s = build(pod("Always", false), attempts, Map.of(), false);
        assertEquals("Running", s.getPhase());
        assertEquals("False", condition(s, "Ready").getStatus());
        assertEquals("ContainersNotReady", condition(s, "Ready").getReason());
        assertEquals("containers with unready status: [server sidecar]", condition(s, "Ready").getMessage());
        assertEquals(0, s.getContainerStatuses().get(0).getRestartCount());
    }

    @Test
    void aRestartedContainerShowsItsCountAndTheOomKillBefore() {
        Map<String, List<ContainerStatus>> attempts = Map.of(
                "server", List.of(container("c3", "server", 1, State.RUNNING, 0, null, now, null),
                        container("c1", "server", 0, State.EXITED, 137, "OOMKilled", now.minusSeconds(20), now.minusSeconds(2))),
                "sidecar", List.of(container("c2", "sidecar", 0, State.RUNNING, 0, null, now, null)));
        var server = build(pod("Always", false), attempts, Map.of(), true).getContainerStatuses().get(0);
        assertEquals(1, server.getRestartCount());
        assertEquals("OOMKilled", server.getLastState().getTerminated().getReason());
        assertEquals(137, server.getLastState().getTerminated().getExitCode());
        assertEquals("docker://c1", server.getLastState().getTerminated().getContainerID());
    }

    @Test
    void aCrashLoopingContainerWaitsWithItsLastExitAsLastState() {
        Map<String, List<ContainerStatus>> attempts = Map.of(
                "server", List.of(container("c5", "server", 2, State.EXITED, 1, null, now.minusSeconds(3), now.minusSeconds(1))),
                "sidecar", List.of(container("c2", "sidecar", 0, State.RUNNING, 0, null, now, null)));
        PodStatus s = build(pod("Always", false), attempts, Map.of("server",
                new Waiting("CrashLoopBackOff", "back-off 20s restarting failed container=server")), true);
        var server = s.getContainerStatuses().get(0);
        assertEquals("CrashLoopBackOff", server.getState().getWaiting().getReason());
        assertEquals("Error", server.getLastState().getTerminated().getReason());
        assertEquals(2, server.getRestartCount());
        assertFalse(server.getReady());
        assertEquals("Running", s.getPhase(), "restartPolicy Always: a crashed container is restarted, the pod runs");
    }

    @Test
    void phasesFollowTheRestartPolicy() {
        Map<String, List<ContainerStatus>> oneFailed = Map.of(
                "server", List.of(container("c1", "server", 0, State.EXITED, 0, null, now, now)),
                "sidecar", List.of(container("c2", "sidecar", 0, State.EXITED, 3, null, now, now)));
        assertEquals("Failed", build(pod("Never", false), oneFailed, Map.of(), false).getPhase());
        assertEquals("Running", build(pod("OnFailure", false), oneFailed, Map.of(), false).getPhase());
        Map<String, List<ContainerStatus>> allDone = Map.of(
                "server", List.of(container("c1", "server", 0, State.EXITED, 0, null, now, now)),
                "sidecar", List.of(container("c2", "sidecar", 0, State.EXITED, 0, null, now, now)));
        PodStatus done = build(pod("OnFailure", false), allDone, Map.of(), false);
        assertEquals("Succeeded", done.getPhase());
        assertEquals("PodCompleted", condition(done, "Ready").getReason());
        assertEquals("Completed", done.getContainerStatuses().get(0).getState().getTerminated().getReason());
        assertEquals("Pending", build(pod("Always", false), Map.of(), Map.of(), false).getPhase());
    }

    @Test
    void initContainersGateTheAppContainers() {
        Map<String, List<ContainerStatus>> attempts = new HashMap<>();
        attempts.put("setup", List.of(container("i1", "setup", 0, State.RUNNING, 0, null, now, null)));
        PodStatus s = build(pod("Always", true), attempts, Map.of(), false);
        assertEquals("Pending", s.getPhase());
        assertEquals("False", condition(s, "Initialized").getStatus());
        assertEquals("containers with incomplete status: [setup]", condition(s, "Initialized").getMessage());
        assertEquals("PodInitializing", s.getContainerStatuses().get(0).getState().getWaiting().getReason());

        attempts.put("setup", List.of(container("i1", "setup", 0, State.EXITED, 0, null, now, now)));
        s = build(pod("Always", true), attempts, Map.of(), false);
        assertEquals("True", condition(s, "Initialized").getStatus());
        assertTrue(s.getInitContainerStatuses().get(0).getReady());
        assertEquals("ContainerCreating", s.getContainerStatuses().get(0).getState().getWaiting().getReason());

        attempts.put("setup", List.of(container("i1", "setup", 0, State.EXITED, 1, null, now, now)));
        assertEquals("Failed", build(pod("Never", true), attempts, Map.of(), false).getPhase());
    }

    @Test
    void transitionTimesAreKeptWhileAConditionHoldsAndWritesHappenOnlyOnChange() {
        Map<String, List<ContainerStatus>> attempts = Map.of(
                "server", List.of(container("c1", "server", 0, State.RUNNING, 0, null, now, null)),
                "sidecar", List.of(container("c2", "sidecar", 0, State.RUNNING, 0, null, now, null)));
        Pod pod = pod("Always", false);
        PodStatus first = build(pod, attempts, Map.of(), true);
        pod.setStatus(first);
        PodStatus later = PodStatusComputer.build(pod, new Observed(sandbox, attempts, Map.of(), id -> true, id -> true),
                "127.0.0.1", "docker", now.plusSeconds(90));
        assertEquals(condition(first, "Ready").getLastTransitionTime(), condition(later, "Ready").getLastTransitionTime());
        assertEquals(first.getStartTime(), later.getStartTime());
        assertFalse(PodStatusComputer.changes(first, later));
        PodStatus unready = PodStatusComputer.build(pod, new Observed(sandbox, attempts, Map.of(), id -> false,
                id -> true), "127.0.0.1", "docker", now.plusSeconds(90));
        assertEquals("2026-11-25T10:01:30Z", condition(unready, "Ready").getLastTransitionTime());
        assertTrue(PodStatusComputer.changes(first, unready));
        assertNull(condition(unready, "PodScheduled").getReason());
    }
}
