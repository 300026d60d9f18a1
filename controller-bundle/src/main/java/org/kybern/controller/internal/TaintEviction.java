package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kybern.client.Matching;

/**
 * When a pod must leave its node because of the node's {@code NoExecute} taints, as Kubernetes' taint
 * eviction: a taint the pod does not tolerate evicts it at once; one it tolerates with
 * {@code tolerationSeconds} evicts it that long after the taint was added; one it tolerates without
 * a limit never does. Our API server has no DefaultTolerationSeconds admission, so a pod without a
 * {@code NoExecute} toleration of its own for {@code node.kubernetes.io/not-ready} or
 * {@code node.kubernetes.io/unreachable} is treated as if it had one of {@code defaultTolerationSeconds},
 * as that admission would have given it. Pure: decided from the pod, the taints and the time.
 */
final class TaintEviction {

    static final String NO_EXECUTE = "NoExecute";

    private TaintEviction() {
    }

    /**
     * When to delete the pod: an instant not after {@code now} means now, a later one means then, null
     * means never (no NoExecute taint it does not tolerate for ever, or it is being deleted already).
     */
    static Instant evictAt(Pod pod, List<Taint> taints, Duration defaultToleration, Instant now) {
        if (pod.getMetadata().getDeletionTimestamp() != null || taints == null) {
            return null;
        }
        List<Toleration> tolerations = withDefaults(pod.getSpec().getTolerations(), defaultToleration);
        Instant at = null;
        for (Taint taint : taints) {
            if (!NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Toleration used = tolerations.stream().filter(t -> Matching.tolerates(t, taint)).findFirst().orElse(null);
            if (used == null) {
                return now;
            }
            if (used.getTolerationSeconds() != null) {
                Instant added = taint.getTimeAdded() == null ? now : Instant.parse(taint.getTimeAdded());
                Instant deadline = added.plusSeconds(Math.max(0, used.getTolerationSeconds()));
                at = at == null || deadline.isBefore(at) ? deadline : at;
            }
        }
        return at;
    }

    /** The pod's tolerations plus what DefaultTolerationSeconds admission adds for not-ready and unreachable. */
    static List<Toleration> withDefaults(List<Toleration> own, Duration defaultToleration) {
        List<Toleration> all = new ArrayList<>(own == null ? List.of() : own);
        for (String key : List.of(NodeLifecycleSync.NOT_READY, NodeLifecycleSync.UNREACHABLE)) {
            Taint taint = new TaintBuilder().withKey(key).withEffect(NO_EXECUTE).build();
            if (!Matching.tolerated(own, taint)) {
                all.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(NO_EXECUTE)
                        .withTolerationSeconds(defaultToleration.toSeconds()).build());
            }
        }
        return all;
    }
}
