package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.function.Function;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.Resources;

/** The pod's requests as the resource scorers count them, computed once per cycle and shared. */
final class ScoringRequest {

    private static final String NON_ZERO = "scoring/request";
    private static final String ACTUAL = "scoring/request/actual";

    private ScoringRequest() {
    }

    /** With Kubernetes' non-zero defaults (100m, 200Mi per container), as LeastAllocated and MostAllocated count. */
    static Resources of(CycleState state, Pod pod) {
        return cached(state, NON_ZERO, pod, Resources::requestedForScoring);
    }

    /** As requested, without defaults, as BalancedAllocation counts (Kubernetes' useRequested). */
    static Resources actual(CycleState state, Pod pod) {
        return cached(state, ACTUAL, pod, Resources::requestedBy);
    }

    private static Resources cached(CycleState state, String key, Pod pod, Function<Pod, Resources> compute) {
        Resources cached = state.read(key, Resources.class).orElse(null);
        if (cached == null) {
            cached = compute.apply(pod);
            state.write(key, cached);
        }
        return cached;
    }
}
