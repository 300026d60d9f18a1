package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/** Runs once per pod before filtering: checks the pod and prepares shared state. */
@ConsumerType
public interface PreFilterPlugin extends SchedulerPlugin {

    PluginStatus preFilter(CycleState state, Pod pod);
}
