package org.kybern.api.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import org.osgi.annotation.versioning.ConsumerType;

/** Ranks feasible nodes: 0 (worst) to {@value #MAX_SCORE} (best), multiplied by {@link #weight()}. */
@ConsumerType
public interface ScorePlugin extends SchedulerPlugin {

    int MAX_SCORE = 100;

    /** The node's score for this pod, between 0 and {@value #MAX_SCORE}. */
    int score(CycleState state, Pod pod, NodeInfo node);

    /** How much this plugin counts against the others. */
    default int weight() {
        return 1;
    }
}
