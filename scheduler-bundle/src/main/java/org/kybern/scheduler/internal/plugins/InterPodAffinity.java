package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;
import org.osgi.service.component.annotations.Component;
import org.kybern.client.Matching;

/**
 * Kubernetes' InterPodAffinity. A topology domain is a node label's value (the label the term's
 * {@code topologyKey} names: {@code kubernetes.io/hostname} is one node, {@code topology.kubernetes.io/zone}
 * a zone); a node without the label is in no domain. Filter: the pod's required affinity terms each need, in
 * the node's domain, a pod that matches all of the terms (unless no pod matches anywhere yet and the pod matches its own
 * terms: the first of a group), its required anti-affinity terms none, and no pod already placed may have
 * a required anti-affinity term against it in that domain. Score: the preferred terms both ways, weights
 * summed per domain, scaled from the lowest node to the highest. The counting is done once per pod in
 * PreFilter over every node's pods, never per node. Checked in Kubernetes' order: the pod's affinity, its
 * anti-affinity, then the placed pods' anti-affinity.
 */
@Component(property = {SchedulerPlugin.NAME_PROPERTY + "=InterPodAffinity", SchedulerPlugin.PROFILE_PROPERTY + "=*"})
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    static final String AFFINITY = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    /** Kubernetes' default hardPodAffinityWeight: existing pods' required affinity counts this much in scoring. */
    static final int HARD_POD_AFFINITY_WEIGHT = 1;
    private static final String FILTER_STATE = "InterPodAffinity/filter";
    private static final String SCORE_STATE = "InterPodAffinity/score";

    /** A topology domain: a label and its value. */
    record Domain(String key, String value) {
    }

    /** What Filter needs, counted once per pod. */
    private record Counts(List<PodAffinityTerm> affinity, List<Map<Domain, Integer>> affinityCounts,
            boolean matchesOwnAffinity, List<PodAffinityTerm> antiAffinity, Set<Domain> antiAffinityDomains,
            Set<Domain> forbiddenByExisting) {
        boolean trivial() {
            return affinity.isEmpty() && antiAffinity.isEmpty() && forbiddenByExisting.isEmpty();
        }
    }

    @Override
    public String name() {
        return "InterPodAffinity";
    }

    /**
     * Counts what Filter needs; Skip (Filter not run) when the pod has no required terms and no placed pod
     * has any, as Kubernetes' PreFilter.
     */
    @Override
    public PluginStatus preFilter(CycleState state, Pod pod) {
        List<PodAffinityTerm> affinity = required(pod, true);
        List<PodAffinityTerm> antiAffinity = required(pod, false);
        boolean needAllPods = !affinity.isEmpty() || !antiAffinity.isEmpty();
        if (!needAllPods && state.nodesWithPodAffinity().isEmpty()) {
            return PluginStatus.skip();
        }
        Set<Domain> forbidden = new HashSet<>();
        List<Map<Domain, Integer>> counts = new ArrayList<>();
        affinity.forEach(t -> counts.add(new HashMap<>()));
        Set<Domain> antiDomains = new HashSet<>();
        for (NodeInfo node : needAllPods ? state.allNodes() : state.nodesWithPodAffinity()) {
            Map<String, String> labels = node.labels();
            for (Pod existing : node.podsWithAffinity()) {
                for (PodAffinityTerm term : required(existing, false)) {
                    String value = labels.get(term.getTopologyKey());
                    if (value != null && selects(term, existing, pod)) {
                        forbidden.add(new Domain(term.getTopologyKey(), value));
                    }
                }
            }
            if (!needAllPods) {
                continue;
            }
            for (Pod existing : node.pods()) {
                // As Kubernetes: a pod counts for the affinity terms only if it matches all of them.
                boolean matchesAll = !affinity.isEmpty() && affinity.stream().allMatch(t -> selects(t, pod, existing));
                for (int i = 0; matchesAll && i < affinity.size(); i++) {
                    PodAffinityTerm term = affinity.get(i);
                    String value = labels.get(term.getTopologyKey());
                    if (value != null) {
                        counts.get(i).merge(new Domain(term.getTopologyKey(), value), 1, Integer::sum);
                    }
                }
                for (PodAffinityTerm term : antiAffinity) {
                    String value = labels.get(term.getTopologyKey());
                    if (value != null && selects(term, pod, existing)) {
                        antiDomains.add(new Domain(term.getTopologyKey(), value));
                    }
                }
            }
        }
        boolean matchesOwn = affinity.stream().allMatch(term -> selects(term, pod, pod));
        state.write(FILTER_STATE, new Counts(affinity, counts, matchesOwn, antiAffinity, antiDomains, forbidden));
        return PluginStatus.success();
    }

    @Override
    public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
        Counts counts = state.read(FILTER_STATE, Counts.class).orElse(null);
        if (counts == null) { // called without its PreFilter
            if (preFilter(state, pod).code() == PluginStatus.Code.SKIP) {
                return PluginStatus.success();
            }
            counts = state.read(FILTER_STATE, Counts.class).orElseThrow();
        }
        if (counts.trivial()) {
            return PluginStatus.success();
        }
        Map<String, String> labels = node.labels();
        if (!counts.affinity().isEmpty()) {
            boolean all = true;
            boolean anyAnywhere = false;
            for (int i = 0; i < counts.affinity().size(); i++) {
                PodAffinityTerm term = counts.affinity().get(i);
                Map<Domain, Integer> perDomain = counts.affinityCounts().get(i);
                anyAnywhere |= !perDomain.isEmpty();
                String value = labels.get(term.getTopologyKey());
                if (value == null || perDomain.getOrDefault(new Domain(term.getTopologyKey(), value), 0) == 0) {
                    all = false;
                }
            }
            boolean firstOfItsGroup = !anyAnywhere && counts.matchesOwnAffinity()
                    && counts.affinity().stream().allMatch(t -> labels.containsKey(t.getTopologyKey()));
            if (!all && !firstOfItsGroup) {
                return PluginStatus.unresolvable(AFFINITY);
            }
        }
        for (PodAffinityTerm term : counts.antiAffinity()) {
            String value = labels.get(term.getTopologyKey());
            if (value != null && counts.antiAffinityDomains().contains(new Domain(term.getTopologyKey(), value))) {
                return PluginStatus.unschedulable(ANTI_AFFINITY);
            }
        }
        for (Domain d : counts.forbiddenByExisting()) {
            if (d.value().equals(labels.get(d.key()))) {
                return PluginStatus.unschedulable(EXISTING_ANTI_AFFINITY);
            }
        }
        return PluginStatus.success();
    }

    /** Kubernetes' default weight of this plugin in the default profile. */
    @Override
    public int weight() {
        return 2;
    }

    /** Skip (Score not run) when the pod has no preferred terms and no placed pod has affinity terms, as Kubernetes. */
    @Override
    public PluginStatus preScore(CycleState state, Pod pod, List<NodeInfo> feasible) {
        boolean ownTerms = !preferred(pod, true).isEmpty() || !preferred(pod, false).isEmpty();
        return ownTerms || !state.nodesWithPodAffinity().isEmpty() ? PluginStatus.success() : PluginStatus.skip();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Map<Domain, Long> weights = state.read(SCORE_STATE, DomainWeights.class).orElseGet(() -> {
            DomainWeights computed = DomainWeights.of(pod, state);
            state.write(SCORE_STATE, computed);
            return computed;
        }).weights();
        if (weights.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (Map.Entry<String, String> label : node.labels().entrySet()) {
            sum += weights.getOrDefault(new Domain(label.getKey(), label.getValue()), 0L);
        }
        return sum;
    }

    /** Kubernetes' InterPodAffinity NormalizeScore: the lowest node 0, the highest 100; all equal: 0. */
    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        long min = scores.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
        scores.replaceAll((node, s) -> max == min ? 0 : MAX_SCORE * (s - min) / (max - min));
    }

    /** Preferred terms of the pod toward the pods placed, and of the pods placed toward it, summed per domain. */
    private record DomainWeights(Map<Domain, Long> weights) {
        static DomainWeights of(Pod pod, CycleState state) {
            List<WeightedPodAffinityTerm> preferAffinity = preferred(pod, true);
            List<WeightedPodAffinityTerm> preferAnti = preferred(pod, false);
            boolean ownTerms = !preferAffinity.isEmpty() || !preferAnti.isEmpty();
            Map<Domain, Long> weights = new HashMap<>();
            for (NodeInfo node : ownTerms ? state.allNodes() : state.nodesWithPodAffinity()) {
                Map<String, String> labels = node.labels();
                for (Pod existing : ownTerms ? node.pods() : node.podsWithAffinity()) {
                    add(weights, labels, preferAffinity, pod, existing, 1);
                    add(weights, labels, preferAnti, pod, existing, -1);
                    if (NodeInfo.hasPodAffinity(existing)) {
                        add(weights, labels, preferred(existing, true), existing, pod, 1);
                        add(weights, labels, preferred(existing, false), existing, pod, -1);
                        for (PodAffinityTerm term : required(existing, true)) {
                            String value = labels.get(term.getTopologyKey());
                            if (value != null && selects(term, existing, pod)) {
                                weights.merge(new Domain(term.getTopologyKey(), value), (long) HARD_POD_AFFINITY_WEIGHT,
                                        Long::sum);
                            }
                        }
                    }
                }
            }
            weights.values().removeIf(w -> w == 0);
            return new DomainWeights(weights);
        }

        private static void add(Map<Domain, Long> weights, Map<String, String> labels, List<WeightedPodAffinityTerm> terms,
                Pod owner, Pod target, int sign) {
            for (WeightedPodAffinityTerm weighted : terms) {
                PodAffinityTerm term = weighted.getPodAffinityTerm();
                String value = term == null ? null : labels.get(term.getTopologyKey());
                if (value != null && weighted.getWeight() != null && selects(term, owner, target)) {
                    weights.merge(new Domain(term.getTopologyKey(), value), (long) sign * weighted.getWeight(), Long::sum);
                }
            }
        }
    }

    /**
     * Whether {@code owner}'s term selects {@code target}: its label selector matches, in the term's
     * namespaces (none named and no namespace selector: the owner's own; an empty namespace selector: all).
     */
    static boolean selects(PodAffinityTerm term, Pod owner, Pod target) {
        String namespace = target.getMetadata().getNamespace();
        List<String> namespaces = term.getNamespaces() == null ? List.of() : term.getNamespaces();
        boolean allNamespaces = term.getNamespaceSelector() != null && isEmpty(term.getNamespaceSelector());
        boolean inNamespace = allNamespaces || namespaces.contains(namespace)
                || (namespaces.isEmpty() && term.getNamespaceSelector() == null
                        && namespace.equals(owner.getMetadata().getNamespace()));
        return inNamespace && Matching.matches(term.getLabelSelector(), target.getMetadata().getLabels());
    }

    private static boolean isEmpty(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    private static List<PodAffinityTerm> required(Pod pod, boolean affinity) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (a == null) {
            return List.of();
        }
        List<PodAffinityTerm> terms = affinity
                ? (a.getPodAffinity() == null ? null : a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                : (a.getPodAntiAffinity() == null ? null
                        : a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        return terms == null ? List.of() : terms;
    }

    private static List<WeightedPodAffinityTerm> preferred(Pod pod, boolean affinity) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (a == null) {
            return List.of();
        }
        List<WeightedPodAffinityTerm> terms = affinity
                ? (a.getPodAffinity() == null ? null : a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                : (a.getPodAntiAffinity() == null ? null
                        : a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
        return terms == null ? List.of() : terms;
    }
}
