package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * A node with the pods already placed on it (bound or assumed), as one scheduling cycle sees it.
 *
 * @param node the node
 * @param pods pods on the node
 */
public record NodeInfo(Node node, List<Pod> pods) {

    public NodeInfo {
        pods = List.copyOf(pods);
    }

    /** The node's name. */
    public String name() {
        return node.getMetadata().getName();
    }
}
