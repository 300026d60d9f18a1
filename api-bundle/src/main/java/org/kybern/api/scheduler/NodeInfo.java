package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * A node with the pods already placed on it (bound or assumed), as one scheduling cycle sees it. The
 * engine keeps these up to date incrementally, so a plugin never sums a node's pods itself.
 *
 * @param node             the node
 * @param allocatable      what the node offers to pods ({@link Resources#allocatableOf})
 * @param pods             pods on the node
 * @param requested        the sum of what those pods request ({@link Resources#requestedBy})
 * @param scoringRequested the sum Kubernetes scores nodes by ({@link Resources#requestedForScoring})
 * @param podsWithAffinity those of the pods that have pod affinity or anti-affinity terms
 */
public record NodeInfo(Node node, Resources allocatable, List<Pod> pods, Resources requested,
        Resources scoringRequested, List<Pod> podsWithAffinity) {

    public NodeInfo {
        pods = List.copyOf(pods);
        podsWithAffinity = List.copyOf(podsWithAffinity);
    }

    /** A node and its pods, the sums computed from them (tests, simple callers). */
    public NodeInfo(Node node, List<Pod> pods) {
        this(node, Resources.allocatableOf(node), pods, sum(pods, Resources::requestedBy),
                sum(pods, Resources::requestedForScoring), pods.stream().filter(NodeInfo::hasPodAffinity).toList());
    }

    private static Resources sum(List<Pod> pods, java.util.function.Function<Pod, Resources> each) {
        return pods.stream().map(each).reduce(Resources.NONE, (a, b) -> a.plus(b, 1));
    }

    /** The node's name. */
    public String name() {
        return node.getMetadata().getName();
    }

    /** Whether a pod has pod affinity or pod anti-affinity terms (required or preferred). */
    public static boolean hasPodAffinity(Pod pod) {
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        return affinity != null && (affinity.getPodAffinity() != null || affinity.getPodAntiAffinity() != null);
    }
}
