package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.Resources;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Kubernetes' NodeResourcesFit scoring strategy LeastAllocated as a plugin of its own: the share of cpu
 * and memory left free with the pod on the node (averaged, 0-100), so pods spread to the emptiest nodes.
 * Requests are counted with Kubernetes' non-zero defaults ({@link Resources#requestedForScoring}).
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodeResourcesLeastAllocated",
        SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeResourcesLeastAllocated implements ScorePlugin {

    @Override
    public String name() {
        return "NodeResourcesLeastAllocated";
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources request = ScoringRequest.of(state, pod);
        long cpu = free(node.scoringRequested().milliCpu() + request.milliCpu(), node.allocatable().milliCpu());
        long memory = free(node.scoringRequested().memory() + request.memory(), node.allocatable().memory());
        return (cpu + memory) / 2;
    }

    /** Kubernetes' leastRequestedScore: the free share of capacity, 0-100; 0 when over capacity. */
    static long free(long requested, long capacity) {
        if (capacity <= 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_SCORE / capacity;
    }
}
