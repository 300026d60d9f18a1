package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.osgi.service.component.annotations.Component;

/** Kubernetes' NodeName: a pod that names its node fits only there. */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodeName", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeName implements FilterPlugin {

    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return "NodeName";
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        String wanted = pod.getSpec().getNodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(node.name()) ? PluginStatus.success()
                : PluginStatus.unresolvable(REASON);
    }
}
