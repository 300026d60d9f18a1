package org.kybern.scheduler.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.kybern.api.scheduler.SchedulerPlugin;

/**
 * A profile as configured: keys {@code profile.<name>} of the scheduler's configuration, each a list of
 * modifiers: {@code -Plugin} leaves a plugin out, {@code +Plugin} requires one not in every profile,
 * {@code Plugin=N} weighs a score plugin. {@code default-scheduler} always exists.
 *
 * @param name     the profile, as pods name it in {@code spec.schedulerName}
 * @param disabled plugins left out
 * @param required plugins added, without which the profile waits
 * @param weights  score weights by plugin
 */
record ProfileSettings(String name, Set<String> disabled, Set<String> required, Map<String, Integer> weights) {

    static final String KEY_PREFIX = "profile.";

    /** The profiles a configuration names, {@code default-scheduler} among them. */
    static Map<String, ProfileSettings> of(Map<String, ?> properties) {
        Map<String, ProfileSettings> profiles = new LinkedHashMap<>();
        profiles.put(SchedulerPlugin.DEFAULT_PROFILE, parse(SchedulerPlugin.DEFAULT_PROFILE, ""));
        properties.forEach((key, value) -> {
            if (key.startsWith(KEY_PREFIX) && key.length() > KEY_PREFIX.length()) {
                String name = key.substring(KEY_PREFIX.length());
                profiles.put(name, parse(name, value instanceof String[] list ? String.join(",", list) : String.valueOf(value)));
            }
        });
        return profiles;
    }

    /** Parses one profile's modifiers; throws IllegalArgumentException naming the bad one. */
    static ProfileSettings parse(String name, String modifiers) {
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String raw : modifiers.split(",")) {
            String m = raw.trim();
            if (m.isEmpty()) {
                continue;
            }
            String plugin = m.replaceFirst("^[-+]|=.*$", "").trim();
            if (plugin.isEmpty()) {
                throw notAModifier(name, m);
            }
            if (m.startsWith("-")) {
                disabled.add(plugin);
            } else if (m.startsWith("+")) {
                required.add(plugin);
            } else if (m.contains("=")) {
                String weight = m.substring(m.indexOf('=') + 1).trim();
                try {
                    int w = Integer.parseInt(weight);
                    if (w < 1 || w > 100) {
                        throw new NumberFormatException();
                    }
                    weights.put(plugin, w);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("profile " + name + ": the weight of " + plugin
                            + " must be a whole number from 1 to 100, not '" + weight + "'");
                }
            } else {
                throw notAModifier(name, m);
            }
        }
        return new ProfileSettings(name, Set.copyOf(disabled), Set.copyOf(required), Map.copyOf(weights));
    }

    private static IllegalArgumentException notAModifier(String profile, String modifier) {
        return new IllegalArgumentException("profile " + profile + ": '" + modifier + "' is not a modifier; write "
                + "-Plugin to leave a plugin out, +Plugin to add one, Plugin=N to weigh one");
    }
}
