package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.Resources;

/** The pod's requests as scoring counts them, computed once per cycle and shared by the resource scorers. */
final class ScoringRequest {

    private static final String KEY = "scoring/request";

    private ScoringRequest() {
    }

    static Resources of(CycleState state, Pod pod) {
        return state.read(KEY, Resources.class).orElseGet(() -> {
            Resources computed = Resources.requestedForScoring(pod);
            state.write(KEY, computed);
            return computed;
        });
    }
}
