package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;
import org.kybern.client.Matching;

/**
 * Kubernetes' NodeAffinity (with its NodeSelector): a node must carry every {@code spec.nodeSelector}
 * label and match one of the required node selector terms; the preferred terms' weights, summed over
 * those the node matches and scaled to the best node, rank the nodes.
 */
@Component(name = "org.kybern.scheduler.internal.plugins.NodeAffinity",
        property = {SchedulerPlugin.NAME_PROPERTY + "=NodeAffinity", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class NodeAffinityPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin {

    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return "NodeAffinity";
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        return fits(pod, node) ? PluginStatus.success() : PluginStatus.unresolvable(REASON);
    }

    /** Whether the node satisfies the pod's nodeSelector and required node affinity. */
    static boolean fits(Pod pod, NodeInfo node) {
        Map<String, String> labels = node.labels();
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        NodeAffinity affinity = nodeAffinity(pod);
        if (affinity == null || affinity.getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        return terms != null && terms.stream().anyMatch(term -> Matching.matches(term, node.node()));
    }

    /** Kubernetes' default weight of this plugin in the default profile. */
    @Override
    public int weight() {
        return 2;
    }

    /** Skip (Score not run) when the pod has no preferred node affinity terms, as Kubernetes. */
    @Override
    public PluginStatus preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
        NodeAffinity affinity = nodeAffinity(pod);
        return affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null
                || affinity.getPreferredDuringSchedulingIgnoredDuringExecution().isEmpty() ? PluginStatus.skip()
                        : PluginStatus.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        NodeAffinity affinity = nodeAffinity(pod);
        if (affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
            return 0;
        }
        long sum = 0;
        for (PreferredSchedulingTerm term : affinity.getPreferredDuringSchedulingIgnoredDuringExecution()) {
            if (term.getWeight() != null && term.getPreference() != null && Matching.matches(term.getPreference(), node.node())) {
                sum += term.getWeight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        ScorePlugin.scaleToMax(scores, false);
    }

    private static NodeAffinity nodeAffinity(Pod pod) {
        return pod.getSpec().getAffinity() == null ? null : pod.getSpec().getAffinity().getNodeAffinity();
    }
}
