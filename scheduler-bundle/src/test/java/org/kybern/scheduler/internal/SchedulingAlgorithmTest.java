package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ScorePlugin;

/**
 * One scheduling cycle's aggregation of plugin verdicts: Kubernetes' FitError wording, weighted and
 * normalized scores, random tie-breaking, adaptive node sampling with a rotating start. The plugins
 * here are test doubles that answer what each test needs.
 */
class SchedulingAlgorithmTest {

    private static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    private static final String CPU = "Insufficient cpu";
    private static final String MEMORY = "Insufficient memory";

    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm();
    private final Pod pod = new PodBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
            .withNewSpec().endSpec().build();

    static NodeInfo node(String name) {
        return new NodeInfo(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build(), List.of());
    }

    static List<NodeInfo> nodes(String... names) {
        return java.util.Arrays.stream(names).map(SchedulingAlgorithmTest::node).toList();
    }

    static FilterPlugin filter(String name, BiFunction<Pod, NodeInfo, PluginStatus> verdict) {
        return new FilterPlugin() {
            @Override
            public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
                return verdict.apply(pod, node);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** A filter failing the named nodes with the given status, passing the others. */
    static FilterPlugin failing(Map<String, PluginStatus> byNode) {
        return filter("Test", (p, n) -> byNode.getOrDefault(n.name(), PluginStatus.success()));
    }

    static PreFilterPlugin preFilter(PluginStatus status) {
        return new PreFilterPlugin() {
            @Override
            public PluginStatus preFilter(CycleState state, Pod pod) {
                return status;
            }

            @Override
            public String name() {
                return "TestPreFilter";
            }
        };
    }

    static ScorePlugin score(String name, ToLongFunction<NodeInfo> raw) {
        return new ScorePlugin() {
            @Override
            public long score(CycleState state, Pod pod, NodeInfo node) {
                return raw.applyAsLong(node);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    static ScorePlugin normalizedScore(String name, ToLongFunction<NodeInfo> raw, List<Map<String, Long>> seen) {
        return new ScorePlugin() {
            @Override
            public long score(CycleState state, Pod pod, NodeInfo node) {
                return raw.applyAsLong(node);
            }

            @Override
            public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
                seen.add(Map.copyOf(scores));
                ScorePlugin.scaleToMax(scores, false);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    static Profile profile(List<PreFilterPlugin> preFilters, List<FilterPlugin> filters, List<Profile.Weighted> scores) {
        return new Profile("test", preFilters, filters, List.of(), scores, List.of(), List.of(), List.of());
    }

    static Profile filters(FilterPlugin... filters) {
        return profile(List.of(), List.of(filters), List.of());
    }

    static Profile scores(Profile.Weighted... scores) {
        return profile(List.of(), List.of(), List.of(scores));
    }

    private SchedulingAlgorithm.Decision schedule(Profile profile, List<NodeInfo> nodes) {
        return algorithm.schedule(profile, pod, nodes, new Cycle(nodes));
    }

    @Test
    void fitErrorCountsReasonsOverNodesAsKubernetesWordsIt() {
        var decision = schedule(filters(failing(Map.of("a", PluginStatus.unschedulable(AFFINITY),
                "b", PluginStatus.unschedulable(CPU), "c", PluginStatus.unschedulable(CPU)))), nodes("a", "b", "c"));
        assertFalse(decision.scheduled());
        assertNull(decision.node());
        assertEquals("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.",
                decision.failure());
        assertEquals(PluginStatus.Code.UNSCHEDULABLE, decision.code());
        assertEquals(3, decision.evaluated());
    }

    @Test
    void fitErrorSortsTheCountedStringsNotTheReasons() {
        // "1 Insufficient memory" sorts before "2 Insufficient cpu" although cpu sorts before memory.
        var decision = schedule(filters(failing(Map.of("a", PluginStatus.unschedulable(CPU, MEMORY),
                "b", PluginStatus.unschedulable(CPU)))), nodes("a", "b"));
        assertEquals("0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.", decision.failure());
    }

    @Test
    void fitErrorCountsAllNodesEvenWhenSomePass() {
        // One node fits nothing, the other passes the first filter but fails the second: reasons of both.
        FilterPlugin first = filter("First", (p, n) -> n.name().equals("a") ? PluginStatus.unschedulable(AFFINITY)
                : PluginStatus.success());
        FilterPlugin second = filter("Second", (p, n) -> PluginStatus.unschedulable(CPU));
        var decision = schedule(filters(first, second), nodes("a", "b"));
        assertEquals("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector.",
                decision.failure());
    }

    @Test
    void theFirstFailingFilterDecidesForANode() {
        List<String> secondSaw = new ArrayList<>();
        FilterPlugin first = filter("First", (p, n) -> PluginStatus.unschedulable(AFFINITY));
        FilterPlugin second = filter("Second", (p, n) -> {
            secondSaw.add(n.name());
            return PluginStatus.unschedulable(CPU);
        });
        var decision = schedule(filters(first, second), nodes("a", "b"));
        assertEquals("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.", decision.failure());
        assertEquals(List.of(), secondSaw);
    }

    @Test
    void onlyUnresolvableFailuresGiveUnschedulableAndUnresolvable() {
        var unresolvable = schedule(filters(failing(Map.of("a", PluginStatus.unresolvable(AFFINITY),
                "b", PluginStatus.unresolvable(AFFINITY)))), nodes("a", "b"));
        assertEquals(PluginStatus.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, unresolvable.code());
        var mixed = schedule(filters(failing(Map.of("a", PluginStatus.unresolvable(AFFINITY),
                "b", PluginStatus.unschedulable(CPU)))), nodes("a", "b"));
        assertEquals(PluginStatus.Code.UNSCHEDULABLE, mixed.code());
    }

    @Test
    void aPreFilterRejectionNamesItsReasonForAllNodes() {
        List<String> filtered = new ArrayList<>();
        FilterPlugin counting = filter("Counting", (p, n) -> {
            filtered.add(n.name());
            return PluginStatus.success();
        });
        var decision = schedule(profile(List.of(preFilter(PluginStatus.unresolvable(
                "pod has unbound immediate PersistentVolumeClaims"))), List.of(counting), List.of()), nodes("a", "b", "c"));
        assertEquals("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.", decision.failure());
        assertEquals(PluginStatus.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, decision.code());
        assertEquals(List.of(), filtered, "no node is filtered after a PreFilter rejection");
    }

    @Test
    void aPreFilterErrorIsAnError() {
        var decision = schedule(profile(List.of(preFilter(PluginStatus.error("boom"))), List.of(), List.of()),
                nodes("a"));
        assertEquals(PluginStatus.Code.ERROR, decision.code());
        assertFalse(decision.scheduled());
        assertTrue(decision.failure().contains("boom"), decision.failure());
    }

    @Test
    void withoutNodesNothingIsAvailable() {
        var decision = schedule(filters(), List.of());
        assertEquals("no nodes available to schedule pods", decision.failure());
        assertEquals(PluginStatus.Code.UNSCHEDULABLE, decision.code());
        assertFalse(decision.scheduled());
    }

    @Test
    void anErrorFromAFilterIsAnError() {
        var decision = schedule(filters(failing(Map.of("b", PluginStatus.error("lost the volume cache")))),
                nodes("a", "b", "c"));
        assertEquals(PluginStatus.Code.ERROR, decision.code());
        assertFalse(decision.scheduled());
        assertTrue(decision.failure().contains("lost the volume cache"), decision.failure());
    }

    @Test
    void weightsMultiplyScores() {
        ScorePlugin likesA = score("LikesA", n -> n.name().equals("a") ? 100 : 0);
        ScorePlugin likesB = score("LikesB", n -> n.name().equals("b") ? 50 : 0);
        List<NodeInfo> nodes = nodes("a", "b");
        for (int i = 0; i < 20; i++) {
            // a: 100x1 = 100 against b: 50x3 = 150
            assertEquals("b", schedule(scores(new Profile.Weighted(likesA, 1), new Profile.Weighted(likesB, 3)), nodes)
                    .node());
            // a: 100x1 = 100 against b: 50x1 = 50
            assertEquals("a", schedule(scores(new Profile.Weighted(likesA, 1), new Profile.Weighted(likesB, 1)), nodes)
                    .node());
        }
    }

    @Test
    void normalizeRunsPerPluginOnRawScoresBeforeWeighting() {
        List<Map<String, Long>> seen = new ArrayList<>();
        // Raw 10 and 5, normalized to 100 and 50, weighted 2: a 200, b 100.
        ScorePlugin counts = normalizedScore("Counts", n -> n.name().equals("a") ? 10 : 5, seen);
        // b gets 60 more: b 160 < a 200. Unnormalized: a 20 < b 70; normalized after weighting: a 100 < b 110.
        ScorePlugin likesB = score("LikesB", n -> n.name().equals("b") ? 60 : 0);
        for (int i = 0; i < 20; i++) {
            var decision = schedule(scores(new Profile.Weighted(counts, 2), new Profile.Weighted(likesB, 1)),
                    nodes("a", "b"));
            assertEquals("a", decision.node());
        }
        assertEquals(Map.of("a", 10L, "b", 5L), seen.get(0), "normalize sees the raw scores of every feasible node");
    }

    @Test
    void scoresOutOfRangeAreClamped() {
        ScorePlugin tooHigh = score("TooHigh", n -> n.name().equals("a") ? 5000 : 100);
        ScorePlugin tieBreak = score("TieBreak", n -> n.name().equals("b") ? 1 : 0);
        for (int i = 0; i < 20; i++) {
            // a: 100 (clamped from 5000) against b: 100 + 1
            assertEquals("b", schedule(scores(new Profile.Weighted(tooHigh, 1), new Profile.Weighted(tieBreak, 1)),
                    nodes("a", "b")).node());
        }
        ScorePlugin negative = score("Negative", n -> n.name().equals("a") ? -1000 : 0);
        ScorePlugin smallA = score("SmallA", n -> n.name().equals("a") ? 10 : 0);
        for (int i = 0; i < 20; i++) {
            // a: 0 (clamped from -1000) + 10 against b: 0
            assertEquals("a", schedule(scores(new Profile.Weighted(negative, 1), new Profile.Weighted(smallA, 1)),
                    nodes("a", "b")).node());
        }
    }

    @Test
    void tiesAreBrokenAtRandom() {
        ScorePlugin flat = score("Flat", n -> n.name().equals("loser") ? 10 : 50);
        List<NodeInfo> nodes = nodes("a", "b", "loser", "c");
        Map<String, Integer> chosen = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            chosen.merge(schedule(scores(new Profile.Weighted(flat, 1)), nodes).node(), 1, Integer::sum);
        }
        assertEquals(Set.of("a", "b", "c"), chosen.keySet(), "each tied node chosen at least once: " + chosen);
    }

    @Test
    void aSingleFeasibleNodeIsChosenWithoutScoring() {
        List<String> scored = new ArrayList<>();
        ScorePlugin watching = score("Watching", n -> {
            scored.add(n.name());
            return 100;
        });
        FilterPlugin onlyB = filter("OnlyB", (p, n) -> n.name().equals("b") ? PluginStatus.success()
                : PluginStatus.unschedulable(CPU));
        var decision = schedule(profile(List.of(), List.of(onlyB), List.of(new Profile.Weighted(watching, 1))),
                nodes("a", "b", "c"));
        assertEquals("b", decision.node());
        assertTrue(decision.scheduled());
        assertEquals(PluginStatus.Code.SUCCESS, decision.code());
        assertEquals(1, decision.feasible());
        assertEquals(List.of(), scored);
    }

    @Test
    void feasibleNodesToFindFollowsKubernetesAdaptivePercentage() {
        assertEquals(0, SchedulingAlgorithm.feasibleNodesToFind(0));
        assertEquals(1, SchedulingAlgorithm.feasibleNodesToFind(1));
        assertEquals(99, SchedulingAlgorithm.feasibleNodesToFind(99));
        assertEquals(100, SchedulingAlgorithm.feasibleNodesToFind(100));
        assertEquals(100, SchedulingAlgorithm.feasibleNodesToFind(200)); // 49% = 98, at least 100
        assertEquals(420, SchedulingAlgorithm.feasibleNodesToFind(1000)); // 42%
        assertEquals(500, SchedulingAlgorithm.feasibleNodesToFind(5000)); // 10%
        assertEquals(300, SchedulingAlgorithm.feasibleNodesToFind(6000)); // 2%, at least 5%
        assertEquals(1000, SchedulingAlgorithm.feasibleNodesToFind(20000)); // 5%
        for (int n = 100; n <= 10000; n += 37) {
            int expected = Math.max(100, n * Math.max(5, 50 - n / 125) / 100);
            assertEquals(expected, SchedulingAlgorithm.feasibleNodesToFind(n), "for " + n + " nodes");
        }
    }

    @Test
    void withAThousandNodesOnly420AreFilteredAndTheStartRotates() {
        List<NodeInfo> nodes = IntStream.range(0, 1000).mapToObj(i -> node(String.format("n%04d", i))).toList();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        FilterPlugin recording = filter("Recording", (p, n) -> {
            seen.add(n.name());
            return PluginStatus.success();
        });
        Profile profile = filters(recording);

        var first = schedule(profile, nodes);
        assertTrue(first.scheduled());
        assertEquals(420, first.evaluated());
        assertEquals(420, first.feasible());
        assertEquals(420, seen.size());
        assertEquals("n0000", seen.get(0));
        Set<String> firstSeen = new HashSet<>(seen);

        seen.clear();
        var second = schedule(profile, nodes);
        assertEquals(420, second.evaluated());
        assertEquals("n0420", seen.get(0), "the next cycle starts where the last one stopped");
        assertTrue(Collections.disjoint(firstSeen, seen), "successive cycles look at different nodes");

        seen.clear();
        schedule(profile, nodes);
        assertEquals("n0840", seen.get(0));
        assertEquals("n0999", seen.get(159));
        assertEquals("n0000", seen.get(160), "wraps around");
        assertEquals("n0259", seen.get(419));
    }

    @Test
    void infeasibleNodesDoNotCountTowardsTheSample() {
        List<NodeInfo> nodes = IntStream.range(0, 1000).mapToObj(i -> node(String.format("n%04d", i))).toList();
        FilterPlugin evenOnly = filter("EvenOnly", (p, n) -> Integer.parseInt(n.name().substring(1)) % 2 == 0
                ? PluginStatus.success() : PluginStatus.unschedulable(CPU));
        var decision = schedule(filters(evenOnly), nodes);
        assertEquals(420, decision.feasible());
        assertEquals(839, decision.evaluated());
        assertEquals(0, Integer.parseInt(decision.node().substring(1)) % 2);
    }

    @Test
    void allNodesAreFilteredWhenNoneFits() {
        List<NodeInfo> nodes = IntStream.range(0, 1000).mapToObj(i -> node(String.format("n%04d", i))).toList();
        var decision = schedule(filters(failing(allFail(nodes))), nodes);
        assertEquals(1000, decision.evaluated());
        assertEquals("0/1000 nodes are available: 1000 Insufficient cpu.", decision.failure());
    }

    private static Map<String, PluginStatus> allFail(List<NodeInfo> nodes) {
        Map<String, PluginStatus> all = new HashMap<>();
        nodes.forEach(n -> all.put(n.name(), PluginStatus.unschedulable(CPU)));
        return all;
    }

    /** A plugin at PreFilter and Filter, PreScore and Score that answers as told and counts what it was asked. */
    private static final class Skipping implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
        final PluginStatus atPreFilter;
        final PluginStatus atPreScore;
        int filtered;
        int scored;

        Skipping(PluginStatus atPreFilter, PluginStatus atPreScore) {
            this.atPreFilter = atPreFilter;
            this.atPreScore = atPreScore;
        }

        @Override
        public PluginStatus preFilter(CycleState state, Pod pod) {
            return atPreFilter;
        }

        @Override
        public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
            filtered++;
            return node.name().equals("a") ? PluginStatus.unschedulable(CPU) : PluginStatus.success();
        }

        @Override
        public PluginStatus preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
            return atPreScore;
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            scored++;
            return node.name().equals("b") ? 100 : 0;
        }

        @Override
        public String name() {
            return "Skipping";
        }

        Profile profile() {
            return new Profile("test", List.of(this), List.of(this), List.of(this), List.of(new Profile.Weighted(this, 1)),
                    List.of(), List.of(), List.of());
        }
    }

    @Test
    void aPluginThatSkipsAtPreFilterIsNotAskedToFilterForThePod() {
        Skipping plugin = new Skipping(PluginStatus.skip(), PluginStatus.success());
        var decision = schedule(plugin.profile(), nodes("a", "b", "c"));
        assertEquals(0, plugin.filtered);
        assertTrue(decision.scheduled());
        assertEquals(3, decision.feasible(), "node a, which its Filter refuses, stays feasible");
    }

    @Test
    void aPluginThatDoesNotSkipAtPreFilterFiltersEveryNode() {
        Skipping plugin = new Skipping(PluginStatus.success(), PluginStatus.success());
        var decision = schedule(plugin.profile(), nodes("a", "b", "c"));
        assertEquals(3, plugin.filtered);
        assertEquals(2, decision.feasible());
        assertEquals("b", decision.node());
    }

    @Test
    void aPluginThatSkipsAtPreScoreIsNotAskedToScore() {
        Skipping plugin = new Skipping(PluginStatus.success(), PluginStatus.skip());
        var decision = schedule(plugin.profile(), nodes("a", "b", "c", "d"));
        assertEquals(0, plugin.scored);
        assertTrue(Set.of("b", "c", "d").contains(decision.node()));
    }

    @Test
    void aPreScoreThatFailsFailsTheCycleWithAnError() {
        Skipping plugin = new Skipping(PluginStatus.success(), PluginStatus.error("no state"));
        var decision = schedule(plugin.profile(), nodes("a", "b", "c"));
        assertFalse(decision.scheduled());
        assertEquals(PluginStatus.Code.ERROR, decision.code());
        assertEquals("running PreScore plugin Skipping: no state", decision.failure());
        assertEquals(0, plugin.scored);
    }
}
