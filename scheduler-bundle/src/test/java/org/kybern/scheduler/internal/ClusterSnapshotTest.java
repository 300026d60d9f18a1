package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.Resources;
import org.kybern.scheduler.internal.plugins.Fixtures;

/** The snapshot counts what bound and assumed pods request on their nodes, incrementally. */
class ClusterSnapshotTest {

    private final ClusterSnapshot snapshot = new ClusterSnapshot();

    static Node node(String name) {
        return Fixtures.node(name);
    }

    /** A pod asking for cpu (e.g. "500m") and memory ("1Gi") in one container, on {@code nodeName} (null: unbound). */
    static Pod pod(String name, String nodeName, String cpu, String memory) {
        return new PodBuilder(Fixtures.requesting(name, "cpu", cpu, "memory", memory)).editSpec().withNodeName(nodeName)
                .endSpec().build();
    }

    static Pod withPhase(Pod pod, String phase) {
        return new PodBuilder(pod).withNewStatus().withPhase(phase).endStatus().build();
    }

    static Pod withAntiAffinity(Pod pod) {
        return Fixtures.avoidingPods(pod, Fixtures.podTerm(Fixtures.HOSTNAME, "app", "web"));
    }

    private NodeInfo info(String name) {
        return snapshot.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name + " in " + names()));
    }

    private List<String> names() {
        return snapshot.nodes().stream().map(NodeInfo::name).toList();
    }

    @Test
    void nodesAreInNameOrder() {
        snapshot.putNode(node("node-c"));
        snapshot.putNode(node("node-a"));
        snapshot.putNode(node("node-b"));
        assertEquals(List.of("node-a", "node-b", "node-c"), names());
        assertEquals(4000, info("node-a").allocatable().milliCpu());
    }

    @Test
    void aBoundPodCountsItsRequestsOnItsNode() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        Pod pod = pod("web", "n1", "500m", "1Gi");
        snapshot.putPod(pod);
        NodeInfo n1 = info("n1");
        assertEquals(Resources.requestedBy(pod), n1.requested());
        assertEquals(500, n1.requested().milliCpu());
        assertEquals(1L << 30, n1.requested().memory());
        assertEquals(1, n1.requested().pods());
        assertEquals(List.of(pod), n1.pods());
        assertEquals(0, info("n2").requested().milliCpu());
        assertTrue(snapshot.isPlaced("default/web"));

        snapshot.putPod(pod("db", "n1", "250m", "512Mi"));
        assertEquals(750, info("n1").requested().milliCpu());
        assertEquals(2, info("n1").requested().pods());
    }

    @Test
    void unboundAndFinishedPodsAreNotCounted() {
        snapshot.putNode(node("n1"));
        snapshot.putPod(pod("pending", null, "1", "1Gi"));
        snapshot.putPod(withPhase(pod("done", "n1", "1", "1Gi"), "Succeeded"));
        snapshot.putPod(withPhase(pod("crashed", "n1", "1", "1Gi"), "Failed"));
        assertEquals(0, info("n1").requested().milliCpu());
        assertEquals(List.of(), info("n1").pods());
        assertFalse(snapshot.isPlaced("default/pending"));
        assertFalse(snapshot.isPlaced("default/done"));
    }

    @Test
    void aPodThatFinishesStopsCounting() {
        snapshot.putNode(node("n1"));
        Pod running = withPhase(pod("job", "n1", "1", "1Gi"), "Running");
        snapshot.putPod(running);
        assertEquals(1000, info("n1").requested().milliCpu());
        snapshot.putPod(withPhase(running, "Succeeded"));
        assertEquals(0, info("n1").requested().milliCpu());
        assertEquals(0, info("n1").requested().pods());
        assertFalse(snapshot.isPlaced("default/job"));
    }

    @Test
    void removePodUncountsIt() {
        snapshot.putNode(node("n1"));
        snapshot.putPod(pod("a", "n1", "1", "1Gi"));
        snapshot.putPod(pod("b", "n1", "300m", "1Gi"));
        snapshot.removePod("default/a");
        assertEquals(300, info("n1").requested().milliCpu());
        assertEquals(List.of("b"), info("n1").pods().stream().map(p -> p.getMetadata().getName()).toList());
        snapshot.removePod("default/never-seen");
        assertEquals(300, info("n1").requested().milliCpu());
    }

    @Test
    void anAssumedPodCountsAtOnceAndForgetUndoesIt() {
        snapshot.putNode(node("n1"));
        Pod pod = pod("web", null, "500m", "1Gi");
        snapshot.assume(pod, "n1");
        assertEquals(500, info("n1").requested().milliCpu());
        assertTrue(snapshot.isPlaced("default/web"));
        snapshot.forget(pod);
        assertEquals(0, info("n1").requested().milliCpu());
        assertEquals(List.of(), info("n1").pods());
        assertFalse(snapshot.isPlaced("default/web"));
    }

    @Test
    void anAssumedPodSurvivesUpdatesThatDoNotYetShowItsNode() {
        snapshot.putNode(node("n1"));
        Pod pod = pod("web", null, "500m", "1Gi");
        snapshot.assume(pod, "n1");
        snapshot.putPod(withPhase(pod, "Pending")); // e.g. a status update racing the binding
        assertEquals(500, info("n1").requested().milliCpu());
        assertTrue(snapshot.isPlaced("default/web"));
    }

    @Test
    void aConfirmedAssumedPodSurvivesForget() {
        snapshot.putNode(node("n1"));
        Pod pod = pod("web", null, "500m", "1Gi");
        snapshot.assume(pod, "n1");
        snapshot.putPod(pod("web", "n1", "500m", "1Gi"));
        snapshot.forget(pod);
        assertEquals(500, info("n1").requested().milliCpu());
        assertEquals(1, info("n1").pods().size());
        assertTrue(snapshot.isPlaced("default/web"));
    }

    @Test
    void anAssumptionOnTheWrongNodeIsCorrectedByTheInformer() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        Pod pod = pod("web", null, "500m", "1Gi");
        snapshot.assume(pod, "n1");
        snapshot.putPod(pod("web", "n2", "500m", "1Gi"));
        assertEquals(0, info("n1").requested().milliCpu());
        assertEquals(500, info("n2").requested().milliCpu());
    }

    @Test
    void aPodMovedBetweenNodesCountsOnlyOnTheNewOne() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        snapshot.putPod(pod("web", "n1", "500m", "1Gi"));
        snapshot.putPod(pod("web", "n2", "500m", "1Gi"));
        assertEquals(0, info("n1").requested().milliCpu());
        assertEquals(0, info("n1").requested().pods());
        assertEquals(List.of(), info("n1").pods());
        assertEquals(500, info("n2").requested().milliCpu());
        assertEquals(1, info("n2").pods().size());
    }

    @Test
    void anUpdatedPodOnTheSameNodeIsCountedOnce() {
        snapshot.putNode(node("n1"));
        snapshot.putPod(pod("web", "n1", "500m", "1Gi"));
        snapshot.putPod(pod("web", "n1", "700m", "1Gi"));
        assertEquals(700, info("n1").requested().milliCpu());
        assertEquals(1, info("n1").requested().pods());
    }

    @Test
    void aPodSeenBeforeItsNodeIsCountedOnceTheNodeArrives() {
        snapshot.putPod(pod("early", "late-node", "1", "1Gi"));
        assertEquals(List.of(), snapshot.nodes());
        assertTrue(snapshot.isPlaced("default/early"));
        snapshot.putNode(node("late-node"));
        assertEquals(1000, info("late-node").requested().milliCpu());
        assertEquals(1, info("late-node").pods().size());
    }

    @Test
    void aRemovedNodeIsHiddenAndItsPodsComeBackWithIt() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        snapshot.putPod(pod("web", "n1", "1", "1Gi"));
        snapshot.removeNode("n1");
        assertEquals(List.of("n2"), names());
        snapshot.removeNode("n-unknown");
        snapshot.putNode(node("n1"));
        assertEquals(1000, info("n1").requested().milliCpu(), "the pods still there are counted again");
    }

    @Test
    void aRemovedEmptyNodeIsGone() {
        snapshot.putNode(node("n1"));
        snapshot.removeNode("n1");
        assertEquals(List.of(), snapshot.nodes());
        snapshot.putPod(pod("web", "n1", "1", "1Gi"));
        assertEquals(List.of(), snapshot.nodes());
    }

    @Test
    void nodesIsTheSameListUntilSomethingChanges() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        List<NodeInfo> first = snapshot.nodes();
        assertSame(first, snapshot.nodes());

        snapshot.putPod(pod("web", "n1", "1", "1Gi"));
        List<NodeInfo> second = snapshot.nodes();
        assertNotSame(first, second);
        assertSame(first.get(1), second.get(1), "the untouched node's info is reused, not rebuilt");
        assertNotSame(first.get(0), second.get(0));
        assertSame(second, snapshot.nodes());

        snapshot.removeNode("n2");
        assertNotSame(second, snapshot.nodes());
        List<NodeInfo> third = snapshot.nodes();
        snapshot.putNode(node("n3"));
        assertNotSame(third, snapshot.nodes());
        List<NodeInfo> fourth = snapshot.nodes();
        snapshot.assume(pod("x", null, "1", "1Gi"), "n3");
        assertNotSame(fourth, snapshot.nodes());
    }

    @Test
    void theListCannotBeModified() {
        snapshot.putNode(node("n1"));
        List<NodeInfo> nodes = snapshot.nodes();
        assertThrows(UnsupportedOperationException.class, () -> nodes.clear());
    }

    @Test
    void podsWithAffinityTracksPodsWithPodAffinityTerms() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        Pod anti = withAntiAffinity(pod("anti", "n1", "100m", "1Mi"));
        snapshot.putPod(anti);
        snapshot.putPod(pod("plain", "n1", "100m", "1Mi"));
        assertEquals(List.of(anti), info("n1").podsWithAffinity());
        assertEquals(2, info("n1").pods().size());

        Pod moved = withAntiAffinity(pod("anti", "n2", "100m", "1Mi"));
        snapshot.putPod(moved);
        assertEquals(List.of(), info("n1").podsWithAffinity());
        assertEquals(List.of(moved), info("n2").podsWithAffinity());

        snapshot.removePod("default/anti");
        assertEquals(List.of(), info("n2").podsWithAffinity());

        Pod assumed = withAntiAffinity(pod("assumed", null, "100m", "1Mi"));
        snapshot.assume(assumed, "n1");
        assertEquals(List.of(assumed), info("n1").podsWithAffinity());
        snapshot.forget(assumed);
        assertEquals(List.of(), info("n1").podsWithAffinity());
    }

    private List<String> withAffinity() {
        return snapshot.cycle().nodesWithPodAffinity().stream().map(NodeInfo::name).toList();
    }

    @Test
    void aCycleKnowsTheNodesWithPodsWithAffinityAsThoseComeAndGo() {
        snapshot.putNode(node("n1"));
        snapshot.putNode(node("n2"));
        snapshot.putNode(node("n3"));
        snapshot.putPod(pod("plain", "n1", "100m", "1Mi"));
        assertEquals(List.of(), withAffinity());

        Pod anti = withAntiAffinity(pod("anti", "n2", "100m", "1Mi"));
        snapshot.putPod(anti);
        assertEquals(List.of("n2"), withAffinity());
        List<NodeInfo> before = snapshot.cycle().nodesWithPodAffinity();
        snapshot.putPod(pod("other", "n3", "100m", "1Mi"));
        assertSame(before, snapshot.cycle().nodesWithPodAffinity(), "a plain pod placed does not pick them out again");
        assertEquals(3, snapshot.cycle().allNodes().size());

        snapshot.putPod(withAntiAffinity(pod("anti", "n3", "100m", "1Mi")));
        assertEquals(List.of("n3"), withAffinity());
        assertEquals(List.of(), info("n2").podsWithAffinity());

        Pod assumed = withAntiAffinity(pod("assumed", null, "100m", "1Mi"));
        snapshot.assume(assumed, "n1");
        assertEquals(List.of("n1", "n3"), withAffinity());
        snapshot.forget(assumed);
        snapshot.removePod("default/anti");
        assertEquals(List.of(), withAffinity());

        snapshot.putPod(withAntiAffinity(pod("late", "n4", "100m", "1Mi")));
        assertEquals(List.of(), withAffinity(), "n4 is not a node yet");
        snapshot.putNode(node("n4"));
        assertEquals(List.of("n4"), withAffinity());
    }
}
