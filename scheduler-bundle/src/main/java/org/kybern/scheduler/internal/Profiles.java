package org.kybern.scheduler.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;

/**
 * The plugins installed now and the profiles configured, resolved into {@link Profile}s. A plugin
 * joins the profiles its {@value SchedulerPlugin#PROFILE_PROPERTY} names ({@code *}: every profile);
 * a profile's settings leave plugins out, add them, and weigh them. Thread-safe; the resolved
 * profiles are immutable and replaced as a whole on every change.
 */
final class Profiles {

    /** Kubernetes' filter order: cheap checks first, pod affinity (the costliest) last. */
    private static final List<String> ORDER = List.of("NodeUnschedulable", "NodeName", "TaintToleration",
            "NodeAffinity", "NodePorts", "NodeResourcesFit", "InterPodAffinity");

    private record Installed(String name, Set<String> profiles, SchedulerPlugin plugin) {
    }

    private final Map<SchedulerPlugin, Installed> installed = new LinkedHashMap<>();
    private Map<String, ProfileSettings> settings = ProfileSettings.of(Map.of());
    private volatile Map<String, Profile> resolved = Map.of();

    Profiles() {
        resolve(); // default-scheduler exists before any plugin or configuration
    }

    /** A plugin service arrived, with its service properties. */
    synchronized void add(SchedulerPlugin plugin, Map<String, ?> properties) {
        Object name = properties.get(SchedulerPlugin.NAME_PROPERTY);
        Set<String> profiles = new TreeSet<>(strings(properties.get(SchedulerPlugin.PROFILE_PROPERTY)));
        if (profiles.isEmpty()) {
            profiles.add(SchedulerPlugin.DEFAULT_PROFILE);
        }
        installed.put(plugin, new Installed(name == null ? plugin.name() : name.toString(), profiles, plugin));
        resolve();
    }

    synchronized void remove(SchedulerPlugin plugin) {
        installed.remove(plugin);
        resolve();
    }

    synchronized void configure(Map<String, ProfileSettings> configured) {
        settings = Map.copyOf(configured);
        resolve();
    }

    /** The profile a pod's {@code spec.schedulerName} names, or null if this scheduler has no such profile. */
    Profile forScheduler(String schedulerName) {
        return resolved.get(schedulerName == null || schedulerName.isEmpty() ? SchedulerPlugin.DEFAULT_PROFILE
                : schedulerName);
    }

    /** Every profile, resolved. */
    Map<String, Profile> all() {
        return resolved;
    }

    private void resolve() {
        Set<String> names = new TreeSet<>(settings.keySet());
        installed.values().forEach(p -> p.profiles().stream().filter(n -> !n.equals("*")).forEach(names::add));
        Map<String, Profile> profiles = new HashMap<>();
        for (String name : names) {
            profiles.put(name, resolve(name, settings.getOrDefault(name, ProfileSettings.parse(name, ""))));
        }
        resolved = Map.copyOf(profiles);
    }

    private Profile resolve(String name, ProfileSettings profile) {
        List<Installed> members = installed.values().stream()
                .filter(p -> !profile.disabled().contains(p.name()))
                .filter(p -> p.profiles().contains("*") || p.profiles().contains(name)
                        || profile.required().contains(p.name()))
                .sorted(Comparator.comparingInt((Installed p) -> rank(p.name())).thenComparing(Installed::name))
                .toList();
        List<PreFilterPlugin> preFilters = new ArrayList<>();
        List<FilterPlugin> filters = new ArrayList<>();
        List<PreScorePlugin> preScores = new ArrayList<>();
        List<Profile.Weighted> scores = new ArrayList<>();
        List<ReservePlugin> reserves = new ArrayList<>();
        List<BindPlugin> binders = new ArrayList<>();
        for (Installed p : members) {
            if (p.plugin() instanceof PreFilterPlugin x) {
                preFilters.add(x);
            }
            if (p.plugin() instanceof FilterPlugin x) {
                filters.add(x);
            }
            if (p.plugin() instanceof PreScorePlugin x) {
                preScores.add(x);
            }
            if (p.plugin() instanceof ScorePlugin x) {
                scores.add(new Profile.Weighted(x, profile.weights().getOrDefault(p.name(), x.weight())));
            }
            if (p.plugin() instanceof ReservePlugin x) {
                reserves.add(x);
            }
            if (p.plugin() instanceof BindPlugin x) {
                binders.add(x);
            }
        }
        List<String> missing = profile.required().stream()
                .filter(required -> members.stream().noneMatch(p -> p.name().equals(required))).sorted().toList();
        return new Profile(name, List.copyOf(preFilters), List.copyOf(filters), List.copyOf(preScores), List.copyOf(scores),
                List.copyOf(reserves), List.copyOf(binders), missing);
    }

    private static int rank(String plugin) {
        int i = ORDER.indexOf(plugin);
        return i < 0 ? ORDER.size() : i;
    }

    private static List<String> strings(Object value) {
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }
}
