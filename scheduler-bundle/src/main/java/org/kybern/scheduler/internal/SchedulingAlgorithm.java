package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * Skip at PreScore is not asked to Score. Called by the one scheduling thread; Filter and Score run in
 * chunks of nodes on it and the {@link Parallelizer}'s helpers, as Kubernetes runs them on
 * {@code parallelism} goroutines, so those plugins are called for several nodes at once.
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

    private final Parallelizer parallel;
    private int nextStartIndex;

    /** Filter and Score on the calling thread only. */
    SchedulingAlgorithm() {
        this(Parallelizer.sequential());
    }

    /** Filter and Score in chunks of nodes on the parallelizer's threads. */
    SchedulingAlgorithm(Parallelizer parallel) {
        this.parallel = parallel;
    }

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
        Filtering filtering = new Filtering(filters, pod, cycle, nodes, nextStartIndex % nodes.size());
        int size = parallel.chunkSize(nodes.size());
        parallel.run((nodes.size() + size - 1) / size, chunk -> filtering.filter(chunk * size,
                Math.min(nodes.size(), chunk * size + size)));
        Decision error = filtering.error.get();
        if (error != null) {
            return error;
        }
        int evaluated = filtering.evaluated.get();
        nextStartIndex = (filtering.start + evaluated) % nodes.size();
        List<NodeInfo> feasible = filtering.feasible();
        if (feasible.isEmpty()) {
            List<String> counted = new ArrayList<>();
            filtering.reasons.forEach((reason, count) -> counted.add(count + " " + reason));
            counted.sort(null);
            return fail(nodes.size(), String.join(", ", counted) + ".", filtering.resolvable
                    ? PluginStatus.Code.UNSCHEDULABLE : PluginStatus.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, evaluated);
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

    /**
     * The Filter phase of one pod, shared by the threads that run it: nodes are taken from a rotating
     * start, each position once, until enough feasible ones are found; as in Kubernetes, a node found
     * feasible after that by a thread that was already at it is left out.
     */
    private static final class Filtering {
        final FilterPlugin[] filters;
        final Pod pod;
        final Cycle cycle;
        final List<NodeInfo> nodes;
        final int start;
        final NodeInfo[] found;
        final AtomicInteger feasible = new AtomicInteger();
        final AtomicInteger evaluated = new AtomicInteger();
        final AtomicReference<Decision> error = new AtomicReference<>();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();
        volatile boolean resolvable;

        Filtering(FilterPlugin[] filters, Pod pod, Cycle cycle, List<NodeInfo> nodes, int start) {
            this.filters = filters;
            this.pod = pod;
            this.cycle = cycle;
            this.nodes = nodes;
            this.start = start;
            this.found = new NodeInfo[feasibleNodesToFind(nodes.size())];
        }

        /** Positions {@code from} (inclusive) to {@code to} (exclusive), counted from the start. */
        void filter(int from, int to) {
            for (int k = from; k < to; k++) {
                if (feasible.get() >= found.length || error.get() != null) {
                    return;
                }
                int at = start + k < nodes.size() ? start + k : start + k - nodes.size();
                NodeInfo node = nodes.get(at);
                int count = evaluated.incrementAndGet();
                PluginStatus failed = null;
                for (FilterPlugin filter : filters) {
                    PluginStatus status = filter.filter(cycle, pod, node);
                    if (!status.isSuccess()) {
                        failed = status;
                        break;
                    }
                }
                if (failed == null) {
                    int slot = feasible.getAndIncrement();
                    if (slot < found.length) {
                        found[slot] = node;
                    }
                } else if (failed.code() == PluginStatus.Code.ERROR) {
                    error.compareAndSet(null, new Decision(null, "running filter plugins on node " + node.name() + ": "
                            + failed.reason(), failed.code(), 0, count));
                } else {
                    if (failed.code() == PluginStatus.Code.UNSCHEDULABLE) {
                        resolvable = true;
                    }
                    for (String reason : failed.reasons()) {
                        reasons.merge(reason, 1, Integer::sum);
                    }
                }
            }
        }

        /** The feasible nodes found, read once every thread is done. */
        List<NodeInfo> feasible() {
            return Arrays.asList(found).subList(0, Math.min(feasible.get(), found.length));
        }
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

    /**
     * The feasible node with the highest weighted score; plugins that skipped at PreScore give every node the
     * same. Every plugin scores a chunk of nodes on one thread; each normalizes its scores afterwards.
     */
    private String best(Profile profile, Pod pod, List<NodeInfo> feasible, Cycle cycle, List<Object> skipped) {
        List<Profile.Weighted> scoring = new ArrayList<>(profile.scores().size());
        for (Profile.Weighted weighted : profile.scores()) {
            if (!isIn(weighted.plugin(), skipped)) {
                scoring.add(weighted);
            }
        }
        long[][] scores = new long[scoring.size()][feasible.size()];
        int size = parallel.chunkSize(feasible.size());
        parallel.run((feasible.size() + size - 1) / size, chunk -> {
            for (int i = chunk * size, end = Math.min(feasible.size(), i + size); i < end; i++) {
                NodeInfo node = feasible.get(i);
                for (int p = 0; p < scores.length; p++) {
                    scores[p][i] = scoring.get(p).plugin().score(cycle, pod, node);
                }
            }
        });
        long[] total = new long[feasible.size()];
        for (int p = 0; p < scores.length; p++) {
            Profile.Weighted weighted = scoring.get(p);
            weighted.plugin().normalize(cycle, pod, new NodeScores(feasible, scores[p]));
            for (int i = 0; i < total.length; i++) {
                total[i] += Math.max(0, Math.min(ScorePlugin.MAX_SCORE, scores[p][i])) * weighted.weight();
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
