package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.Resources;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Kubernetes' NodeResourcesBalancedAllocation: with the pod on it, a node whose cpu and memory are used in
 * the same proportion scores higher: (1 - standard deviation of the two fractions) × 100. As Kubernetes
 * (useRequested), it counts what the pods actually request, without the non-zero defaults the other
 * resource scorers use, and leaves out a resource the node does not offer (one fraction: no deviation).
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodeResourcesBalancedAllocation",
        SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeResourcesBalancedAllocation implements ScorePlugin {

    @Override
    public String name() {
        return "NodeResourcesBalancedAllocation";
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources request = ScoringRequest.actual(state, pod);
        Resources requested = node.requested();
        Resources allocatable = node.allocatable();
        if (allocatable.milliCpu() <= 0 || allocatable.memory() <= 0) {
            return MAX_SCORE;
        }
        double cpu = fraction(requested.milliCpu() + request.milliCpu(), allocatable.milliCpu());
        double memory = fraction(requested.memory() + request.memory(), allocatable.memory());
        double std = Math.abs(cpu - memory) / 2;
        return (long) ((1 - std) * MAX_SCORE);
    }

    private static double fraction(long requested, long capacity) {
        return Math.min(1.0, (double) requested / capacity);
    }
}
