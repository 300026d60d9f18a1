package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/** Keeps plugin state in step when a node is chosen, and undoes it if binding fails. */
@ConsumerType
public interface ReservePlugin extends SchedulerPlugin {

    PluginStatus reserve(CycleState state, Pod pod, String nodeName);

    void unreserve(CycleState state, Pod pod, String nodeName);
}
