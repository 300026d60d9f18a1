package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/** Decides whether a pod may run on a node; a non-success status says why not. */
@ConsumerType
public interface FilterPlugin extends SchedulerPlugin {

    PluginStatus filter(CycleState state, Pod pod, NodeInfo node);
}
