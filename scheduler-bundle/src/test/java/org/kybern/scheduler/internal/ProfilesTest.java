package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.api.scheduler.ScorePlugin;

/** Plugin services and configured settings resolved into profiles. */
class ProfilesTest {

    private final Profiles profiles = new Profiles();

    /** A test double that is at once PreFilter, Filter, Score and Reserve plugin, doing nothing. */
    static final class Everything implements PreFilterPlugin, FilterPlugin, ScorePlugin, ReservePlugin {
        private final String name;
        private final int weight;

        Everything(String name, int weight) {
            this.name = name;
            this.weight = weight;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int weight() {
            return weight;
        }

        @Override
        public PluginStatus preFilter(CycleState state, Pod pod) {
            return PluginStatus.success();
        }

        @Override
        public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
            return PluginStatus.success();
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            return 0;
        }

        @Override
        public PluginStatus reserve(CycleState state, Pod pod, String nodeName) {
            return PluginStatus.success();
        }

        @Override
        public void unreserve(CycleState state, Pod pod, String nodeName) {
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A filter-only test double. */
    static FilterPlugin filterOnly(String name) {
        return new FilterPlugin() {
            @Override
            public PluginStatus filter(CycleState state, Pod pod, NodeInfo node) {
                return PluginStatus.success();
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static Map<String, Object> props(String name, Object profile) {
        Map<String, Object> props = new HashMap<>();
        props.put(SchedulerPlugin.NAME_PROPERTY, name);
        if (profile != null) {
            props.put(SchedulerPlugin.PROFILE_PROPERTY, profile);
        }
        return props;
    }

    private Everything install(String name, Object profile) {
        Everything plugin = new Everything(name, 1);
        profiles.add(plugin, props(name, profile));
        return plugin;
    }

    private void configure(String... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        profiles.configure(ProfileSettings.of(config));
    }

    private static List<String> filterNames(Profile profile) {
        return profile.filters().stream().map(SchedulerPlugin::name).toList();
    }

    private static List<String> scoreNames(Profile profile) {
        return profile.scores().stream().map(w -> w.plugin().name()).toList();
    }

    @Test
    void thereIsADefaultProfileBeforeAnyPlugin() {
        Profile profile = profiles.forScheduler(null);
        assertEquals("default-scheduler", profile.name());
        assertTrue(profile.ready());
        assertEquals(List.of(), profile.filters());
    }

    @Test
    void noSchedulerNameOrAnEmptyOneMeansTheDefaultProfile() {
        install("NodeName", null);
        assertSame(profiles.forScheduler("default-scheduler"), profiles.forScheduler(null));
        assertSame(profiles.forScheduler("default-scheduler"), profiles.forScheduler(""));
        assertEquals(List.of("NodeName"), filterNames(profiles.forScheduler(null)));
    }

    @Test
    void anUnknownSchedulerNameHasNoProfile() {
        install("NodeName", null);
        assertNull(profiles.forScheduler("someone-elses-scheduler"));
    }

    @Test
    void aPluginWithoutProfilePropertyServesTheDefaultProfile() {
        configure("profile.bin-packing", "");
        install("NodeName", null);
        assertEquals(List.of("NodeName"), filterNames(profiles.forScheduler(null)));
        assertEquals(List.of(), filterNames(profiles.forScheduler("bin-packing")));
    }

    @Test
    void aPluginForEveryProfileIsInEveryProfile() {
        configure("profile.bin-packing", "");
        install("Gpu", "gpu"); // a profile only a plugin names
        install("NodeName", "*");
        assertEquals(Set.of("default-scheduler", "bin-packing", "gpu"), profiles.all().keySet());
        for (String name : List.of("default-scheduler", "bin-packing", "gpu")) {
            assertTrue(filterNames(profiles.forScheduler(name)).contains("NodeName"), name);
        }
        assertNull(profiles.forScheduler("*"), "'*' is no profile");
    }

    @Test
    void aPluginForOneProfileIsOnlyThere() {
        configure("profile.bin-packing", "");
        install("MostAllocated", "bin-packing");
        assertEquals(List.of("MostAllocated"), scoreNames(profiles.forScheduler("bin-packing")));
        assertEquals(List.of(), scoreNames(profiles.forScheduler(null)));
    }

    @Test
    void aPluginMayServeSeveralProfiles() {
        install("A", new String[] {"one", "two"});
        install("B", List.of("two", "default-scheduler"));
        assertEquals(List.of("A"), filterNames(profiles.forScheduler("one")));
        assertEquals(List.of("A", "B"), filterNames(profiles.forScheduler("two")));
        assertEquals(List.of("B"), filterNames(profiles.forScheduler(null)));
    }

    @Test
    void aDisabledPluginIsLeftOut() {
        configure("profile.default-scheduler", "-TaintToleration", "profile.lenient", "-NodeName");
        install("TaintToleration", "*");
        install("NodeName", "*");
        assertEquals(List.of("NodeName"), filterNames(profiles.forScheduler(null)));
        assertEquals(List.of("TaintToleration"), filterNames(profiles.forScheduler("lenient")));
        assertEquals(List.of(), profiles.forScheduler(null).preFilters().stream()
                .filter(p -> p.name().equals("TaintToleration")).toList());
    }

    @Test
    void aRequiredPluginMissingKeepsTheProfileWaitingUntilItArrives() {
        configure("profile.gpu", "+GpuFit, +Accelerators");
        install("NodeName", "*");
        Profile waiting = profiles.forScheduler("gpu");
        assertFalse(waiting.ready());
        assertEquals(List.of("Accelerators", "GpuFit"), waiting.missing());
        assertTrue(profiles.forScheduler(null).ready(), "other profiles are not held up");

        install("GpuFit", "elsewhere"); // required by name, whatever profiles it names itself
        assertEquals(List.of("Accelerators"), profiles.forScheduler("gpu").missing());
        install("Accelerators", null);
        Profile ready = profiles.forScheduler("gpu");
        assertTrue(ready.ready());
        assertEquals(List.of(), ready.missing());
        assertEquals(List.of("NodeName", "Accelerators", "GpuFit"), filterNames(ready));
        assertFalse(filterNames(profiles.forScheduler(null)).contains("GpuFit"));
    }

    @Test
    void configuredWeightsOverrideThePluginsOwn() {
        configure("profile.bin-packing", "Heavy=7");
        Everything heavy = new Everything("Heavy", 3);
        profiles.add(heavy, props("Heavy", "*"));
        assertEquals(List.of(new Profile.Weighted(heavy, 7)), profiles.forScheduler("bin-packing").scores());
        assertEquals(List.of(new Profile.Weighted(heavy, 3)), profiles.forScheduler(null).scores());
    }

    @Test
    void filtersRunInKubernetesOrderThenByName() {
        List<String> kubernetes = List.of("NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity",
                "NodePorts", "NodeResourcesFit", "InterPodAffinity");
        List<String> all = new ArrayList<>(kubernetes);
        all.addAll(List.of("Zeta", "Alpha", "VolumeBinding"));
        Collections.shuffle(all, new Random(42));
        for (String name : all) {
            profiles.add(filterOnly(name), props(name, null));
        }
        List<String> expected = new ArrayList<>(kubernetes);
        expected.addAll(List.of("Alpha", "VolumeBinding", "Zeta"));
        assertEquals(expected, filterNames(profiles.forScheduler(null)));
    }

    @Test
    void aPluginGoesToEveryExtensionPointItImplements() {
        Everything all = install("All", null);
        profiles.add(filterOnly("OnlyFilter"), props("OnlyFilter", null));
        Profile profile = profiles.forScheduler(null);
        assertEquals(List.of(all), profile.preFilters());
        assertEquals(List.of("All", "OnlyFilter"), filterNames(profile));
        assertEquals(List.of(new Profile.Weighted(all, 1)), profile.scores());
        assertEquals(List.of(all), profile.reserves());
        assertEquals(List.of(), profile.binders());
    }

    @Test
    void theServicePropertyNamesThePlugin() {
        configure("profile.default-scheduler", "-Renamed");
        Everything plugin = new Everything("InternalName", 1);
        profiles.add(plugin, props("Renamed", null));
        assertEquals(List.of(), profiles.forScheduler(null).filters());
    }

    @Test
    void removingAPluginDropsItFromEveryProfile() {
        configure("profile.gpu", "+Needed");
        Everything everywhere = install("NodeName", "*");
        Everything needed = install("Needed", null);
        assertTrue(profiles.forScheduler("gpu").ready());
        profiles.remove(everywhere);
        profiles.remove(needed);
        for (Profile profile : profiles.all().values()) {
            assertEquals(List.of(), profile.filters(), profile.name());
        }
        assertEquals(List.of("Needed"), profiles.forScheduler("gpu").missing());
    }

    @Test
    void aProfileOnlyAPluginNamedGoesAwayWithIt() {
        Everything gpu = install("GpuFit", "gpu");
        assertTrue(profiles.all().containsKey("gpu"));
        profiles.remove(gpu);
        assertNull(profiles.forScheduler("gpu"));
    }

    @Test
    void reconfiguringReplacesTheProfiles() {
        configure("profile.fast", "-NodeName");
        install("NodeName", "*");
        Profile before = profiles.forScheduler("fast");
        assertEquals(List.of(), filterNames(before));
        configure();
        assertNull(profiles.forScheduler("fast"));
        assertEquals(List.of("NodeName"), filterNames(profiles.forScheduler(null)));
        assertEquals(List.of(), filterNames(before), "a resolved profile never changes under a running cycle");
    }
}
