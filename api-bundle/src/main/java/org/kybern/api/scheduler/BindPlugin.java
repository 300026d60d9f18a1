package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Binds a pod to its chosen node. The first bind plugin that does not answer
 * {@link PluginStatus.Code#UNSCHEDULABLE} ("skip") wins; the default binds through the API.
 */
@ConsumerType
public interface BindPlugin extends SchedulerPlugin {

    PluginStatus bind(CycleState state, Pod pod, String nodeName);
}
