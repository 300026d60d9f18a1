package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.Resources;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Kubernetes' NodeResourcesFit (its filter): what the pod requests (containers summed, the largest init
 * container if more, plus overhead) must fit in the node's allocatable resources minus what the pods on it
 * request, and the node must take one pod more. Every shortage is reported ("Insufficient cpu",
 * "Insufficient memory", "Too many pods").
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=NodeResourcesFit", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin {

    private static final String REQUEST = "NodeResourcesFit/request";

    @Override
    public String name() {
        return "NodeResourcesFit";
    }

    @Override
    public PluginStatus preFilter(CycleState state, Pod pod) {
        state.write(REQUEST, Resources.requestedBy(pod));
        return PluginStatus.success();
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        Resources request = state.read(REQUEST, Resources.class).orElse(null);
        if (request == null) {
            request = Resources.requestedBy(pod);
        }
        List<String> shortages = insufficient(request, node.allocatable(), node.requested());
        return shortages.isEmpty() ? PluginStatus.success()
                : PluginStatus.unschedulable(shortages.toArray(String[]::new));
    }

    /** Kubernetes' fitsRequest: the reasons the request does not fit beside what is already requested. */
    static List<String> insufficient(Resources request, Resources allocatable, Resources requested) {
        List<String> reasons = new ArrayList<>();
        if (requested.pods() + 1 > allocatable.pods()) {
            reasons.add("Too many pods");
        }
        check(reasons, Resources.CPU, request.milliCpu(), allocatable.milliCpu(), requested.milliCpu());
        check(reasons, Resources.MEMORY, request.memory(), allocatable.memory(), requested.memory());
        check(reasons, Resources.EPHEMERAL_STORAGE, request.ephemeralStorage(), allocatable.ephemeralStorage(),
                requested.ephemeralStorage());
        if (!request.extended().isEmpty()) {
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(request.extended()).entrySet()) {
                check(reasons, e.getKey(), e.getValue(), allocatable.get(e.getKey()), requested.get(e.getKey()));
            }
        }
        return reasons;
    }

    private static void check(List<String> reasons, String resource, long wanted, long allocatable, long requested) {
        if (wanted > 0 && wanted > allocatable - requested) {
            reasons.add("Insufficient " + resource);
        }
    }
}
