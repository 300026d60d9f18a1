package org.kybern.scheduler.binpacking.internal;

import io.fabric8.kubernetes.api.model.Pod;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.Resources;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Bin packing: Kubernetes' NodeResourcesFit scoring strategy MostAllocated as a plugin of its own. A node
 * scores the share of its cpu and memory that would be requested with the pod on it (averaged, 0-100),
 * so pods fill the fullest node that fits before an emptier one is used. It joins the profile
 * {@code bin-packing}, which the shipped configuration sets up without the spreading
 * NodeResourcesLeastAllocated.
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=" + MostAllocated.NAME,
        SchedulerPlugin.PROFILE_PROPERTY + "=bin-packing"})
public final class MostAllocated implements ScorePlugin {

    static final String NAME = "NodeResourcesMostAllocated";
    private static final String POD_REQUEST = NAME + "/request";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources request = state.read(POD_REQUEST, Resources.class).orElseGet(() -> {
            Resources computed = Resources.requestedForScoring(pod);
            state.write(POD_REQUEST, computed);
            return computed;
        });
        long cpu = share(node.scoringRequested().milliCpu() + request.milliCpu(), node.allocatable().milliCpu());
        long memory = share(node.scoringRequested().memory() + request.memory(), node.allocatable().memory());
        return (cpu + memory) / 2;
    }

    /** Kubernetes' mostRequestedScore: requested share of capacity, 0-100, a full node at 100. */
    static long share(long requested, long capacity) {
        if (capacity <= 0) {
            return 0;
        }
        return Math.min(requested, capacity) * MAX_SCORE / capacity;
    }
}
