package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.kybern.scheduler.internal.Cycle;

/**
 * Runs one plugin the way a scheduling cycle does: its PreFilter (if it has one) once, then Filter on a node
 * (not run if PreFilter skipped); or its PreScore (if it has one), then Score on every node and normalize
 * (all 0 if PreScore skipped). The cycle's snapshot is the nodes given.
 */
final class PluginRun {

    private PluginRun() {
    }

    /** The plugin's verdict on {@code node}, in a cycle whose snapshot is {@code cluster}. */
    static PluginStatus filter(FilterPlugin plugin, Pod pod, NodeInfo node, List<NodeInfo> cluster) {
        Cycle cycle = new Cycle(cluster);
        if (plugin instanceof PreFilterPlugin preFilter) {
            PluginStatus status = preFilter.preFilter(cycle, pod);
            if (status.code() == PluginStatus.Code.SKIP) {
                return PluginStatus.success(); // the cycle does not run its Filter: every node passes it
            }
            if (!status.isSuccess()) {
                return status;
            }
        }
        return plugin.filter(cycle, pod, node);
    }

    /** The plugin's verdict on a node that is the whole cluster. */
    static PluginStatus filter(FilterPlugin plugin, Pod pod, NodeInfo node) {
        return filter(plugin, pod, node, List.of(node));
    }

    /** Scores of every node, normalized, by node name. */
    static Map<String, Long> scores(ScorePlugin plugin, Pod pod, List<NodeInfo> nodes) {
        Cycle cycle = new Cycle(nodes);
        Map<String, Long> scores = new HashMap<>();
        if (plugin instanceof PreScorePlugin preScore && preScore.preScore(cycle, pod, nodes).code() == PluginStatus.Code.SKIP) {
            nodes.forEach(node -> scores.put(node.name(), 0L)); // not scored: it adds nothing to any node
            return new TreeMap<>(scores);
        }
        for (NodeInfo node : nodes) {
            scores.put(node.name(), plugin.score(cycle, pod, node));
        }
        plugin.normalize(cycle, pod, scores);
        return new TreeMap<>(scores);
    }

    /** The raw score of one node that is the whole cluster (plugins whose score needs no normalizing). */
    static long score(ScorePlugin plugin, Pod pod, NodeInfo node) {
        return plugin.score(new Cycle(List.of(node)), pod, node);
    }
}
