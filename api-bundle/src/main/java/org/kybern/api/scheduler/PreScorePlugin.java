package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs once per pod after filtering, before its plugin's {@link ScorePlugin#score}: prepares what
 * scoring needs, or answers {@link PluginStatus#skip()} when the plugin would give every feasible node
 * the same score for this pod (no preferred terms, nothing to count). A skipped plugin is not scored
 * for the pod, as with Kubernetes' PreScore and its Skip status; the choice of node does not change.
 */
@ConsumerType
public interface PreScorePlugin extends SchedulerPlugin {

    PluginStatus preScore(CycleState state, Pod pod, List<NodeInfo> feasible);
}
