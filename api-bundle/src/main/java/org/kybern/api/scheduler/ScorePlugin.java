package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Ranks feasible nodes: 0 (worst) to {@value #MAX_SCORE} (best), multiplied by {@link #weight()}.
 * A plugin whose raw scores have no fixed range (a count of matching pods, a sum of preference
 * weights) brings them to 0-{@value #MAX_SCORE} in {@link #normalize}, which sees every feasible node.
 */
@ConsumerType
public interface ScorePlugin extends SchedulerPlugin {

    int MAX_SCORE = 100;

    /** The node's raw score for this pod; between 0 and {@value #MAX_SCORE} unless {@link #normalize} maps it there. */
    long score(CycleState state, Pod pod, NodeInfo node);

    /**
     * Brings the raw scores of all feasible nodes (by node name, modifiable) to 0-{@value #MAX_SCORE}, in place.
     * The default leaves them as they are; the engine clamps what is out of range.
     */
    default void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    }

    /** How much this plugin counts against the others. */
    default int weight() {
        return 1;
    }

    /** Kubernetes' DefaultNormalizeScore: scales so the highest raw score becomes {@value #MAX_SCORE}, reversed if asked. */
    static void scaleToMax(Map<String, Long> scores, boolean reverse) {
        long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (max == 0) {
            if (reverse) {
                scores.replaceAll((node, s) -> (long) MAX_SCORE);
            }
            return;
        }
        scores.replaceAll((node, s) -> {
            long scaled = MAX_SCORE * s / max;
            return reverse ? MAX_SCORE - scaled : scaled;
        });
    }
}
