package org.kybern.api.scheduler;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Data plugins share during one scheduling cycle of one pod (e.g. computed in PreFilter). */
@ProviderType
public interface CycleState {

    /** Stores a value for later extension points of the same cycle. */
    void write(String key, Object value);

    /** A value written earlier in this cycle, if it has the given type. */
    <T> Optional<T> read(String key, Class<T> type);

    /**
     * Every node of the snapshot this cycle schedules against, with its pods: what plugins that look
     * beyond one node (pod affinity across a zone, spreading) need. Not to be modified.
     */
    List<NodeInfo> allNodes();

    /**
     * The nodes of {@link #allNodes()} that have a pod with pod affinity or anti-affinity terms
     * (Kubernetes' HavePodsWithAffinityList): what a plugin that checks the placed pods' terms walks,
     * instead of every node. Not to be modified.
     */
    default List<NodeInfo> nodesWithPodAffinity() {
        return allNodes().stream().filter(node -> !node.podsWithAffinity().isEmpty()).toList();
    }
}
