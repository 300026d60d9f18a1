package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.scheduler.internal.plugins.ImageLocality;
import org.kybern.scheduler.internal.plugins.InterPodAffinity;
import org.kybern.scheduler.internal.plugins.NodeAffinityPlugin;
import org.kybern.scheduler.internal.plugins.NodeName;
import org.kybern.scheduler.internal.plugins.NodePorts;
import org.kybern.scheduler.internal.plugins.NodeResourcesBalancedAllocation;
import org.kybern.scheduler.internal.plugins.NodeResourcesFit;
import org.kybern.scheduler.internal.plugins.NodeResourcesLeastAllocated;
import org.kybern.scheduler.internal.plugins.NodeUnschedulable;
import org.kybern.scheduler.internal.plugins.TaintToleration;

/**
 * The default-scheduler profile as the Engine runs it, for tests of whole decisions: every default plugin
 * registered with {@link Profiles} under the service properties its component declares (its name, profile
 * {@code *}), the profile resolved from the default configuration, one cycle of {@link SchedulingAlgorithm}
 * per pod against the nodes given.
 */
public final class DefaultScheduler {

    private final Profiles profiles = new Profiles();
    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm();

    public DefaultScheduler() {
        profiles.configure(ProfileSettings.of(Map.of()));
        for (SchedulerPlugin plugin : List.of(new NodeUnschedulable(), new NodeName(), new TaintToleration(),
                new NodeAffinityPlugin(), new NodePorts(), new NodeResourcesFit(), new InterPodAffinity(),
                new NodeResourcesLeastAllocated(), new NodeResourcesBalancedAllocation(), new ImageLocality())) {
            profiles.add(plugin, Map.of(SchedulerPlugin.NAME_PROPERTY, plugin.name(), SchedulerPlugin.PROFILE_PROPERTY, "*"));
        }
    }

    /** The node chosen for the pod, or, if none fits, the FitError message. */
    public String schedule(Pod pod, List<NodeInfo> nodes) {
        Profile profile = profiles.forScheduler(pod.getSpec().getSchedulerName());
        SchedulingAlgorithm.Decision decision = algorithm.schedule(profile, pod, nodes, new Cycle(nodes));
        return decision.scheduled() ? decision.node() : decision.failure();
    }

    /** The default profile's score plugins and their weights, in order. */
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        profiles.forScheduler(null).scores().forEach(w -> weights.put(w.plugin().name(), w.weight()));
        return weights;
    }
}
