package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;
import org.kybern.client.Matching;

/**
 * Kubernetes' TaintToleration: a node's NoSchedule and NoExecute taints keep off pods that do not tolerate
 * them; among the nodes that fit, fewer untolerated PreferNoSchedule taints score higher.
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=TaintToleration", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class TaintToleration implements FilterPlugin, ScorePlugin {

    @Override
    public String name() {
        return "TaintToleration";
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        List<Toleration> tolerations = pod.getSpec().getTolerations();
        for (Taint taint : node.taints()) {
            String effect = taint.getEffect();
            if (("NoSchedule".equals(effect) || "NoExecute".equals(effect)) && !Matching.tolerated(tolerations, taint)) {
                return PluginStatus.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
                        + Matching.nullToEmpty(taint.getValue()) + "}");
            }
        }
        return PluginStatus.success();
    }

    /** Kubernetes' default weight of this plugin in the default profile. */
    @Override
    public int weight() {
        return 3;
    }

    /** The number of PreferNoSchedule taints the pod does not tolerate (reversed in {@link #normalize}). */
    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        long untolerated = 0;
        List<Toleration> preferring = null;
        for (Taint taint : node.taints()) {
            if ("PreferNoSchedule".equals(taint.getEffect())) {
                if (preferring == null) {
                    preferring = preferring(pod);
                }
                if (!Matching.tolerated(preferring, taint)) {
                    untolerated++;
                }
            }
        }
        return untolerated;
    }

    /** The pod's tolerations that apply to PreferNoSchedule taints. */
    private static List<Toleration> preferring(Pod pod) {
        return pod.getSpec().getTolerations() == null ? List.of()
                : pod.getSpec().getTolerations().stream().filter(t -> t.getEffect() == null || t.getEffect().isEmpty()
                        || "PreferNoSchedule".equals(t.getEffect())).toList();
    }

    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        ScorePlugin.scaleToMax(scores, true);
    }
}
