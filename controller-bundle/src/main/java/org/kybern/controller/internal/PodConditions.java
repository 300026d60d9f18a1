package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;

/** What controllers read from a pod's status: active, ready, available, as Kubernetes' podutil. */
final class PodConditions {

    private PodConditions() {
    }

    /** Not finished (Succeeded, Failed) and not being deleted. */
    static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** The pod's Ready condition, or null. */
    static PodCondition ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    static boolean isReady(Pod pod) {
        PodCondition ready = ready(pod);
        return ready != null && "True".equals(ready.getStatus());
    }

    /** Ready, and for at least {@code minReadySeconds} by {@code now}. */
    static boolean available(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
    }

    /** When the pod last became Ready, or null. */
    static Instant readySince(Pod pod) {
        PodCondition ready = ready(pod);
        return ready == null || ready.getLastTransitionTime() == null ? null : Instant.parse(ready.getLastTransitionTime());
    }

    static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }

    static Instant created(Pod pod) {
        String at = pod.getMetadata().getCreationTimestamp();
        return at == null ? Instant.EPOCH : Instant.parse(at);
    }
}
