package org.kybern.scheduler.internal;

import java.util.List;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.FilterPlugin;
import org.kybern.api.scheduler.PreFilterPlugin;
import org.kybern.api.scheduler.PreScorePlugin;
import org.kybern.api.scheduler.ReservePlugin;
import org.kybern.api.scheduler.ScorePlugin;

/**
 * One profile's plugins at each extension point, in the order they run. Immutable: when plugins come
 * or go, {@link Profiles} makes new ones.
 *
 * @param name       the profile
 * @param preFilters PreFilter plugins
 * @param filters    Filter plugins, cheap ones first
 * @param preScores  PreScore plugins
 * @param scores     Score plugins with their weights in this profile
 * @param reserves   Reserve plugins
 * @param binders    Bind plugins (none: the engine binds through the API)
 * @param missing    required plugins not installed; while any is missing the profile schedules nothing
 */
public record Profile(String name, List<PreFilterPlugin> preFilters, List<FilterPlugin> filters,
        List<PreScorePlugin> preScores, List<Weighted> scores,
        List<ReservePlugin> reserves, List<BindPlugin> binders, List<String> missing) {

    /** A score plugin and its weight. */
    public record Weighted(ScorePlugin plugin, int weight) {
    }

    public boolean ready() {
        return missing.isEmpty();
    }
}
