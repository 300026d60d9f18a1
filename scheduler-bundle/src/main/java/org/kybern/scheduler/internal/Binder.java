package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.kybern.api.scheduler.BindPlugin;
import org.kybern.api.scheduler.CycleState;
import org.kybern.api.scheduler.PluginStatus;

/**
 * The Bind extension point: the profile's Bind plugins run in order on the bind executor (never on the
 * scheduling thread); the first that does not skip (answer {@link PluginStatus.Code#UNSCHEDULABLE})
 * decides. With no Bind plugin, or when all skip, the pod is bound through the API server, as
 * Kubernetes' DefaultBinder does.
 */
final class Binder {

    private final BiFunction<Pod, String, CompletableFuture<ClusterWriter.Outcome>> apiBind;
    private final Executor executor;

    Binder(BiFunction<Pod, String, CompletableFuture<ClusterWriter.Outcome>> apiBind, Executor executor) {
        this.apiBind = apiBind;
        this.executor = executor;
    }

    CompletableFuture<ClusterWriter.Outcome> bind(Profile profile, CycleState cycle, Pod pod, String node) {
        if (profile.binders().isEmpty()) {
            return apiBind.apply(pod, node);
        }
        return CompletableFuture.supplyAsync(() -> byPlugins(profile, cycle, pod, node), executor)
                .thenCompose(outcome -> outcome != null ? CompletableFuture.completedFuture(outcome)
                        : apiBind.apply(pod, node));
    }

    /** What the first deciding plugin answered (500 and its reason when it failed), or null when all skipped. */
    private static ClusterWriter.Outcome byPlugins(Profile profile, CycleState cycle, Pod pod, String node) {
        for (BindPlugin plugin : profile.binders()) {
            PluginStatus status;
            try {
                status = plugin.bind(cycle, pod, node);
            } catch (RuntimeException e) {
                return new ClusterWriter.Outcome(500, "Bind plugin " + plugin.name() + " failed: " + e);
            }
            if (status.code() == PluginStatus.Code.UNSCHEDULABLE) {
                continue;
            }
            return status.isSuccess() ? new ClusterWriter.Outcome(200, "")
                    : new ClusterWriter.Outcome(500, "Bind plugin " + plugin.name() + ": " + status.reason());
        }
        return null;
    }
}
