package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;

/**
 * A node with the pods already placed on it (bound or assumed), as one scheduling cycle sees it. The
 * engine keeps these up to date incrementally, so a plugin never sums a node's pods itself.
 *
 * <p>What filters read of every node (its name, labels, taints and whether it is cordoned) is also held
 * here, taken from the node once, so a filter over hundreds of nodes reads it without walking each
 * Node object (metadata, then its label map; spec, then its taints).
 */
public final class NodeInfo {

    private final Node node;
    private final Resources allocatable;
    private final List<Pod> pods;
    private final Resources requested;
    private final Resources scoringRequested;
    private final List<Pod> podsWithAffinity;
    private final String name;
    private final boolean unschedulable;
    private final Map<String, String> labels;
    private final List<Taint> taints;

    /**
     * @param node             the node
     * @param allocatable      what the node offers to pods ({@link Resources#allocatableOf})
     * @param pods             pods on the node
     * @param requested        the sum of what those pods request ({@link Resources#requestedBy})
     * @param scoringRequested the sum Kubernetes scores nodes by ({@link Resources#requestedForScoring})
     * @param podsWithAffinity those of the pods that have pod affinity or anti-affinity terms
     */
    public NodeInfo(Node node, Resources allocatable, List<Pod> pods, Resources requested,
            Resources scoringRequested, List<Pod> podsWithAffinity) {
        this.node = node;
        this.allocatable = allocatable;
        this.pods = List.copyOf(pods);
        this.requested = requested;
        this.scoringRequested = scoringRequested;
        this.podsWithAffinity = List.copyOf(podsWithAffinity);
        this.name = node.getMetadata().getName();
        NodeSpec spec = node.getSpec();
        this.unschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
        this.taints = spec == null || spec.getTaints() == null ? List.of() : spec.getTaints();
        Map<String, String> nodeLabels = node.getMetadata().getLabels();
        this.labels = nodeLabels == null ? Map.of() : nodeLabels;
    }

    /** A node and its pods, the sums computed from them (tests, simple callers). */
    public NodeInfo(Node node, List<Pod> pods) {
        this(node, Resources.allocatableOf(node), pods, sum(pods, Resources::requestedBy),
                sum(pods, Resources::requestedForScoring), pods.stream().filter(NodeInfo::hasPodAffinity).toList());
    }

    private static Resources sum(List<Pod> pods, java.util.function.Function<Pod, Resources> each) {
        return pods.stream().map(each).reduce(Resources.NONE, (a, b) -> a.plus(b, 1));
    }

    /** The node. */
    public Node node() {
        return node;
    }

    /** What the node offers to pods ({@link Resources#allocatableOf}). */
    public Resources allocatable() {
        return allocatable;
    }

    /** The pods on the node. */
    public List<Pod> pods() {
        return pods;
    }

    /** The sum of what the pods on the node request ({@link Resources#requestedBy}). */
    public Resources requested() {
        return requested;
    }

    /** The sum Kubernetes scores nodes by ({@link Resources#requestedForScoring}). */
    public Resources scoringRequested() {
        return scoringRequested;
    }

    /** Those of the pods that have pod affinity or anti-affinity terms. */
    public List<Pod> podsWithAffinity() {
        return podsWithAffinity;
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** The node's labels; empty, never null, when it has none. Not to be changed. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The node's taints ({@code spec.taints}); empty, never null, when it has none. Not to be changed. */
    public List<Taint> taints() {
        return taints;
    }

    /** Whether the node is cordoned ({@code spec.unschedulable}). */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** Whether a pod has pod affinity or pod anti-affinity terms (required or preferred). */
    public static boolean hasPodAffinity(Pod pod) {
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        return affinity != null && (affinity.getPodAffinity() != null || affinity.getPodAntiAffinity() != null);
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + ", " + pods.size() + " pods, requested " + requested + " of " + allocatable + "]";
    }
}
