package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ScorePlugin;

/**
 * One scheduling cycle of one pod against a snapshot, as Kubernetes' schedulePod: PreFilter, Filter on
 * nodes taken in turn from a rotating start until enough feasible ones are found (Kubernetes' adaptive
 * percentageOfNodesToScore), PreScore, Score and normalize per plugin, weigh, and pick the best (ties at
 * random). A plugin that answers Skip at PreFilter is not asked to Filter for the pod, one that answers
 * Skip at PreScore is not asked to Score.
 * Used by the one scheduling thread only.
 */
final class SchedulingAlgorithm {

    /** Kubernetes' minFeasibleNodesToFind. */
    static final int MIN_FEASIBLE_NODES = 100;

    /** The outcome: a node, or why none (Kubernetes' FitError message). */
    record Decision(String node, String failure, PluginStatus.Code code, int feasible, int evaluated) {
        boolean scheduled() {
            return node != null;
        }
    }

    private int nextStartIndex;

    Decision schedule(Profile profile, Pod pod, List<NodeInfo> nodes, Cycle cycle) {
        if (nodes.isEmpty()) {
            return new Decision(null, "no nodes available to schedule pods", PluginStatus.Code.UNSCHEDULABLE, 0, 0);
        }
        List<Object> skipped = new ArrayList<>(2);
        for (PreFilterPlugin plugin : profile.preFilters()) {
            PluginStatus status = plugin.preFilter(cycle, pod);
            if (status.code() == PluginStatus.Code.SKIP) {
                skipped.add(plugin);
            } else if (status.code() == PluginStatus.Code.ERROR) {
                return new Decision(null, plugin.name() + ": " + status.reason(), status.code(), 0, 0);
            } else if (!status.isSuccess()) {
                return fail(nodes.size(), status.reason() + ".", status.code(), 0);
            }
        }
        FilterPlugin[] filters = profile.filters().stream().filter(f -> !isIn(f, skipped)).toArray(FilterPlugin[]::new);
        int wanted = feasibleNodesToFind(nodes.size());
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, nodes.size()));
        Map<String, Integer> reasons = new TreeMap<>();
        boolean resolvable = false;
        int evaluated = 0;
        int start = nextStartIndex % nodes.size();
        for (int i = 0, at = start; i < nodes.size() && feasible.size() < wanted; i++, at = at + 1 == nodes.size() ? 0 : at + 1) {
            NodeInfo node = nodes.get(at);
            evaluated++;
            PluginStatus failed = null;
            for (FilterPlugin filter : filters) {
                PluginStatus status = filter.filter(cycle, pod, node);
                if (!status.isSuccess()) {
                    failed = status;
                    break;
                }
            }
            if (failed == null) {
                feasible.add(node);
            } else if (failed.code() == PluginStatus.Code.ERROR) {
                return new Decision(null, "running filter plugins on node " + node.name() + ": " + failed.reason(),
                        failed.code(), 0, evaluated);
            } else {
                resolvable |= failed.code() == PluginStatus.Code.UNSCHEDULABLE;
                for (String reason : failed.reasons()) {
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
        }
        nextStartIndex = (start + evaluated) % nodes.size();
        if (feasible.isEmpty()) {
            List<String> counted = new ArrayList<>();
            reasons.forEach((reason, count) -> counted.add(count + " " + reason));
            counted.sort(null);
            return fail(nodes.size(), String.join(", ", counted) + ".", resolvable ? PluginStatus.Code.UNSCHEDULABLE
                    : PluginStatus.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, evaluated);
        }
        if (feasible.size() == 1) {
            return new Decision(feasible.get(0).name(), null, PluginStatus.Code.SUCCESS, 1, evaluated);
        }
        skipped.clear();
        for (PreScorePlugin plugin : profile.preScores()) {
            PluginStatus status = plugin.preScore(cycle, pod, feasible);
            if (status.code() == PluginStatus.Code.SKIP) {
                skipped.add(plugin);
            } else if (!status.isSuccess()) {
                return new Decision(null, "running PreScore plugin " + plugin.name() + ": " + status.reason(),
                        PluginStatus.Code.ERROR, 0, evaluated);
            }
        }
        return new Decision(best(profile, pod, feasible, cycle, skipped), null, PluginStatus.Code.SUCCESS,
                feasible.size(), evaluated);
    }

    /** Whether this very plugin instance is in the list (a plugin that skipped at PreFilter or PreScore). */
    private static boolean isIn(Object plugin, List<Object> plugins) {
        for (Object p : plugins) {
            if (p == plugin) {
                return true;
            }
        }
        return false;
    }

    /** The feasible node with the highest weighted score; plugins that skipped at PreScore give every node the same. */
    private static String best(Profile profile, Pod pod, List<NodeInfo> feasible, Cycle cycle, List<Object> skipped) {
        long[] total = new long[feasible.size()];
        long[] scores = new long[feasible.size()];
        for (Profile.Weighted weighted : profile.scores()) {
            ScorePlugin plugin = weighted.plugin();
            if (isIn(plugin, skipped)) {
                continue;
            }
            for (int i = 0; i < scores.length; i++) {
                scores[i] = plugin.score(cycle, pod, feasible.get(i));
            }
            plugin.normalize(cycle, pod, new NodeScores(feasible, scores));
            for (int i = 0; i < total.length; i++) {
                total[i] += Math.max(0, Math.min(ScorePlugin.MAX_SCORE, scores[i])) * weighted.weight();
            }
        }
        int chosen = 0;
        int ties = 1;
        for (int i = 1; i < total.length; i++) {
            if (total[i] > total[chosen]) {
                chosen = i;
                ties = 1;
            } else if (total[i] == total[chosen] && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                chosen = i;
            }
        }
        return feasible.get(chosen).name();
    }

    private static Decision fail(int nodes, String why, PluginStatus.Code code, int evaluated) {
        return new Decision(null, "0/" + nodes + " nodes are available: " + why, code, 0, evaluated);
    }

    /** Kubernetes' numFeasibleNodesToFind with the adaptive percentage: all below 100 nodes, then 50% - n/125, at least 5%. */
    static int feasibleNodesToFind(int nodes) {
        if (nodes < MIN_FEASIBLE_NODES) {
            return nodes;
        }
        int percentage = Math.max(5, 50 - nodes / 125);
        return Math.max(MIN_FEASIBLE_NODES, nodes * percentage / 100);
    }
}
