package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs once per pod before filtering: checks the pod and prepares shared state. A plugin that is also a
 * {@link FilterPlugin} may answer {@link PluginStatus#skip()} when its Filter has nothing to check for
 * this pod (Kubernetes' PreFilter Skip): its Filter is then not run on any node for this pod.
 */
@ConsumerType
public interface PreFilterPlugin extends SchedulerPlugin {

    PluginStatus preFilter(CycleState state, Pod pod);
}
