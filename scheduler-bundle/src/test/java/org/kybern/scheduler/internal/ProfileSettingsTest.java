package org.kybern.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing a profile's modifiers from the scheduler's configuration. */
class ProfileSettingsTest {

    @Test
    void parsesDisabledRequiredAndWeights() {
        ProfileSettings settings = ProfileSettings.parse("bin-packing", "-A, +B, C=3");
        assertEquals("bin-packing", settings.name());
        assertEquals(Set.of("A"), settings.disabled());
        assertEquals(Set.of("B"), settings.required());
        assertEquals(Map.of("C", 3), settings.weights());
    }

    @Test
    void toleratesSpacesAndEmptyItems() {
        ProfileSettings settings = ProfileSettings.parse("p", " - A ,, + B , C = 100 ,");
        assertEquals(Set.of("A"), settings.disabled());
        assertEquals(Set.of("B"), settings.required());
        assertEquals(Map.of("C", 100), settings.weights());
        ProfileSettings empty = ProfileSettings.parse("p", "");
        assertEquals(Set.of(), empty.disabled());
        assertEquals(Set.of(), empty.required());
        assertEquals(Map.of(), empty.weights());
    }

    @Test
    void refusesSomethingThatIsNoModifier() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProfileSettings.parse("p", "-A, NodeAffinity"));
        assertEquals("profile p: 'NodeAffinity' is not a modifier; write -Plugin to leave a plugin out, +Plugin to add "
                + "one, Plugin=N to weigh one", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "+", "=3", " + ", " = 5"})
    void refusesAModifierWithoutAPlugin(String modifier) {
        var e = assertThrows(IllegalArgumentException.class, () -> ProfileSettings.parse("p", "A=2, " + modifier));
        assertEquals("profile p: '" + modifier.trim() + "' is not a modifier; write -Plugin to leave a plugin out, "
                + "+Plugin to add one, Plugin=N to weigh one", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "0", "101", "-1", "1.5", "", "99999999999"})
    void refusesABadWeight(String weight) {
        var e = assertThrows(IllegalArgumentException.class, () -> ProfileSettings.parse("p", "C=" + weight));
        assertEquals("profile p: the weight of C must be a whole number from 1 to 100, not '" + weight + "'",
                e.getMessage());
    }

    @Test
    void acceptsWeightsFromOneToHundred() {
        assertEquals(Map.of("A", 1, "B", 100), ProfileSettings.parse("p", "A=1, B=100").weights());
    }

    @Test
    void theConfigurationAlwaysHasTheDefaultProfile() {
        Map<String, ProfileSettings> profiles = ProfileSettings.of(Map.of());
        assertEquals(Set.of("default-scheduler"), profiles.keySet());
        assertEquals(Set.of(), profiles.get("default-scheduler").disabled());
    }

    @Test
    void readsEveryProfileKeyAndIgnoresOthers() {
        Map<String, ProfileSettings> profiles = ProfileSettings.of(Map.of(
                "profile.bin-packing", "NodeResourcesBalancedAllocation=5, -ImageLocality",
                "profile.default-scheduler", "-TaintToleration",
                "profile.gpu", new String[] {"+GpuFit", "GpuFit=3"},
                "profile.", "ignored",
                "bindsInFlight", "16"));
        assertEquals(Set.of("default-scheduler", "bin-packing", "gpu"), profiles.keySet());
        assertEquals(Map.of("NodeResourcesBalancedAllocation", 5), profiles.get("bin-packing").weights());
        assertEquals(Set.of("ImageLocality"), profiles.get("bin-packing").disabled());
        assertEquals(Set.of("TaintToleration"), profiles.get("default-scheduler").disabled());
        assertEquals(Set.of("GpuFit"), profiles.get("gpu").required());
        assertEquals(Map.of("GpuFit", 3), profiles.get("gpu").weights());
        assertEquals(List.of("gpu"), List.of(profiles.get("gpu").name()));
    }

    @Test
    void aBadProfileInTheConfigurationIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.of(Map.of("profile.fast", "Weights=lots")));
        assertEquals("profile fast: the weight of Weights must be a whole number from 1 to 100, not 'lots'",
                e.getMessage());
    }
}
