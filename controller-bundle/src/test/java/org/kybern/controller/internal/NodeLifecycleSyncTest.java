package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kybern.controller.internal.Fixtures.NOW;
import static org.kybern.controller.internal.Fixtures.notReady;
import static org.kybern.controller.internal.Fixtures.pod;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The node lifecycle controller's decisions, table by table: the node, its Lease and the time in; conditions, taints, events out. */
class NodeLifecycleSyncTest {

    private static final Duration GRACE = Duration.ofSeconds(40);
    private static final String UNREACHABLE = NodeLifecycleSync.UNREACHABLE;
    private static final String NOT_READY = NodeLifecycleSync.NOT_READY;

    /** A node n1 with Ready {@code ready} last heartbeat {@code secondsAgo} before NOW, with these taints (key:effect). */
    static Node node(String ready, int secondsAgo, String... taints) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName("n1").withCreationTimestamp("2026-12-05T06:00:00Z")
                .endMetadata().withNewSpec().endSpec().withNewStatus().endStatus();
        if (ready != null) {
            String at = NOW.minusSeconds(secondsAgo).toString();
            for (String type : NodeLifecycleSync.CONDITIONS) {
                boolean isReady = "Ready".equals(type);
                node.editStatus().addNewCondition().withType(type).withStatus(isReady || "Unknown".equals(ready) ? ready : "False")
                        .withReason(isReady ? "KubeletReady" : "Kubelet" + type).withLastHeartbeatTime(at)
                        .withLastTransitionTime("2026-12-05T06:00:00Z").endCondition().endStatus();
            }
        }
        for (String t : taints) {
            String[] keyEffect = t.split(":");
            node.editSpec().addNewTaint().withKey(keyEffect[0]).withEffect(keyEffect[1])
                    .withTimeAdded("NoExecute".equals(keyEffect[1]) ? "2026-12-05T07:00:00Z" : null).endTaint().endSpec();
        }
        return node.build();
    }

    static Lease lease(int secondsAgo) {
        return new LeaseBuilder().withNewMetadata().withNamespace("kube-node-lease").withName("n1").endMetadata()
                .withNewSpec().withRenewTime(NOW.minusSeconds(secondsAgo).atZone(ZoneOffset.UTC)).endSpec().build();
    }

    static Stream<Arguments> cases() {
        String unreachableBoth = UNREACHABLE + ":NoSchedule," + UNREACHABLE + ":NoExecute";
        String notReadyBoth = NOT_READY + ":NoSchedule," + NOT_READY + ":NoExecute";
        return Stream.of(
                // name, node, lease, permit, new Ready (null: conditions stay), taints (null: stay), event, mark pods, deferred
                Arguments.of("healthy: nothing", node("True", 5, "example.com/gpu:NoSchedule"), lease(5), true, null, null,
                        null, false, false),
                Arguments.of("status old but Lease renewed: nothing", node("True", 60), lease(3), true, null, null, null,
                        false, false),
                Arguments.of("nothing heard within the grace period: Unknown, unreachable taints, other taints kept",
                        node("True", 60, "example.com/gpu:NoSchedule"), lease(45), true, "Unknown",
                        "example.com/gpu:NoSchedule," + unreachableBoth, "NodeNotReady", true, false),
                Arguments.of("no Lease at all and an old status: Unknown", node("True", 41), null, true, "Unknown",
                        unreachableBoth, "NodeNotReady", true, false),
                Arguments.of("rate limit: NoSchedule now, NoExecute waits", node("True", 60), lease(60), false, "Unknown",
                        UNREACHABLE + ":NoSchedule", "NodeNotReady", true, true),
                Arguments.of("already Unknown and tainted: nothing", node("Unknown", 60, unreachableBoth.split(",")),
                        lease(60), true, null, null, null, true, false),
                Arguments.of("kubelet says Ready=False: not-ready taints", node("False", 5), lease(5), true, null,
                        notReadyBoth, null, true, false),
                Arguments.of("not-ready becomes unreachable: swapped without a permit", node("False", 60,
                        notReadyBoth.split(",")), lease(60), false, "Unknown", unreachableBoth, null, true, false),
                Arguments.of("back: Ready=True again, taints removed", node("True", 2, unreachableBoth.split(",")),
                        lease(2), true, null, "", "NodeReady", false, false),
                Arguments.of("never posted status, created long ago: Unknown", node(null, 0), null, true, "Unknown",
                        unreachableBoth, null, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void marksAndTaintsNodesNotHeardOf(String name, Node node, Lease lease, boolean permit, String ready, String taints,
            String event, boolean markPods, boolean deferred) {
        NodeLifecycleSync.Plan plan = NodeLifecycleSync.plan(node, lease, NOW, GRACE, () -> permit);
        assertEquals(ready, plan.conditions() == null ? null : readyOf(plan.conditions()), "Ready");
        assertEquals(taints, plan.taints() == null ? null : String.join(",", plan.taints().stream()
                .map(t -> t.getKey() + ":" + t.getEffect()).toList()), "taints");
        assertEquals(event, plan.event(), "event");
        assertEquals(markPods, plan.markPodsNotReady(), "mark pods not ready");
        assertEquals(deferred, plan.deferred(), "NoExecute deferred");
    }

    private static String readyOf(List<NodeCondition> conditions) {
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow().getStatus();
    }

    @Test
    void everyConditionBecomesUnknownWithKubernetesReason() {
        NodeLifecycleSync.Plan plan = NodeLifecycleSync.plan(node("True", 60), lease(60), NOW, GRACE, () -> true);
        assertEquals(4, plan.conditions().size());
        for (NodeCondition c : plan.conditions()) {
            assertEquals("Unknown", c.getStatus(), c.getType());
            assertEquals("NodeStatusUnknown", c.getReason());
            assertEquals("Kubelet stopped posting node status.", c.getMessage());
            assertEquals(NOW.toString(), c.getLastTransitionTime());
            assertEquals(NOW.minusSeconds(60).toString(), c.getLastHeartbeatTime(), "the heartbeat is the kubelet's");
        }
        Taint noExecute = plan.taints().stream().filter(t -> "NoExecute".equals(t.getEffect())).findFirst().orElseThrow();
        assertEquals(NOW.toString(), noExecute.getTimeAdded());
    }

    @Test
    void looksAgainWhenTheNodeWouldGoStale() {
        NodeLifecycleSync.Plan plan = NodeLifecycleSync.plan(node("True", 30), lease(10), NOW, GRACE, () -> true);
        assertEquals(Duration.ofSeconds(30).plusMillis(100), plan.requeueAfter());
    }

    @Test
    void marksAReadyPodNotReadyAndLeavesANotReadyOne() {
        PodStatus status = NodeLifecycleSync.notReady(pod("a", null).build(), NOW);
        assertEquals("False", status.getConditions().get(0).getStatus());
        assertEquals(NOW.toString(), status.getConditions().get(0).getLastTransitionTime());
        assertNull(NodeLifecycleSync.notReady(notReady(pod("b", null)).build(), NOW));
    }
}
