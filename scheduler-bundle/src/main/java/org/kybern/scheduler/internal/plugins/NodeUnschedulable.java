package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.osgi.service.component.annotations.Component;
import org.kybern.client.Matching;

/** Kubernetes' NodeUnschedulable: a cordoned node ({@code spec.unschedulable}) takes only pods that tolerate it. */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodeUnschedulable", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeUnschedulable implements FilterPlugin {

    static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new TaintBuilder().withKey("node.kubernetes.io/unschedulable")
            .withEffect("NoSchedule").build();

    @Override
    public String name() {
        return "NodeUnschedulable";
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        if (!node.unschedulable()
                || Matching.tolerated(pod.getSpec().getTolerations(), UNSCHEDULABLE)) {
            return PluginStatus.success();
        }
        return PluginStatus.unresolvable(REASON);
    }
}
