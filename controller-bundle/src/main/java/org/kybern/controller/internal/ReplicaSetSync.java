package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What one ReplicaSet needs, worked out from cached state alone (no I/O, so it is tested table by
 * table): which orphans matching its selector it adopts and which of its pods that stopped matching it
 * releases, how many pods it creates or which it deletes to reach {@code replicas}, and its status.
 */
final class ReplicaSetSync {

    /** At most this many pods are created or deleted in one pass, as Kubernetes' burst. */
    static final int BURST = 500;

    /**
     * @param adopt        orphans to take (add the controller reference)
     * @param release      pods to let go (remove the controller reference)
     * @param create       how many pods to create from the template
     * @param delete       pods to delete, the least valuable first
     * @param status       the status the ReplicaSet should show
     * @param requeueAfter look again after this long (a pod becomes available after minReadySeconds), or null
     */
    record Plan(List<Pod> adopt, List<Pod> release, int create, List<Pod> delete, ReplicaSetStatus status,
            Duration requeueAfter) {
    }

    private ReplicaSetSync() {
    }

    /**
     * @param pods                  the cached pods of the ReplicaSet's namespace
     * @param expectationsSatisfied whether the caches show everything this controller did before; if not,
     *                              no pod is created or deleted this pass
     */
    static Plan plan(ReplicaSet rs, List<Pod> pods, boolean expectationsSatisfied, Instant now) {
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        Owners.Claim<Pod> claim = Owners.claim(rs, rs.getSpec().getSelector(), pods);
        List<Pod> owned = claim.owned();
        List<Pod> active = owned.stream().filter(PodConditions::active).toList();
        int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int create = 0;
        List<Pod> delete = List.of();
        if (expectationsSatisfied && !deleting) {
            int diff = active.size() - want;
            if (diff < 0) {
                create = Math.min(-diff, BURST);
            } else if (diff > 0) {
                delete = active.stream().sorted(DELETE_FIRST).limit(Math.min(diff, BURST)).toList();
            }
        }
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        ReplicaSetStatus status = status(rs, active, minReady, now);
        Duration requeue = minReady > 0 && status.getReadyReplicas() > status.getAvailableReplicas()
                ? Duration.ofSeconds(minReady) : null;
        return new Plan(claim.adopt(), claim.release(), create, delete, status, requeue);
    }

    /** The status from the ReplicaSet's active pods; conditions are kept as they are. */
    static ReplicaSetStatus status(ReplicaSet rs, List<Pod> active, int minReadySeconds, Instant now) {
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
                || rs.getSpec().getTemplate().getMetadata() == null ? null
                : rs.getSpec().getTemplate().getMetadata().getLabels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : active) {
            if (containsAll(pod.getMetadata().getLabels(), templateLabels)) {
                fullyLabeled++;
            }
            if (PodConditions.isReady(pod)) {
                ready++;
                if (PodConditions.available(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        ReplicaSetStatusBuilder status = new ReplicaSetStatusBuilder().withReplicas(active.size())
                .withFullyLabeledReplicas(fullyLabeled).withReadyReplicas(ready).withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration());
        if (rs.getStatus() != null && rs.getStatus().getConditions() != null && !rs.getStatus().getConditions().isEmpty()) {
            status.withConditions(rs.getStatus().getConditions());
        }
        return status.build();
    }

    private static boolean containsAll(Map<String, String> labels, Map<String, String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        return labels != null && labels.entrySet().containsAll(wanted.entrySet());
    }

    /**
     * Kubernetes' order for scaling down: unscheduled before scheduled, Pending before Unknown before
     * Running, not ready before ready, ready for less time before longer, more restarts before fewer,
     * newer before older.
     */
    static final Comparator<Pod> DELETE_FIRST = Comparator
            .comparing((Pod p) -> p.getSpec() != null && p.getSpec().getNodeName() != null
                    && !p.getSpec().getNodeName().isEmpty())
            .thenComparing(p -> phaseRank(p))
            .thenComparing(PodConditions::isReady)
            .thenComparing(p -> PodConditions.readySince(p), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(p -> -PodConditions.restarts(p))
            .thenComparing(PodConditions::created, Comparator.reverseOrder());

    private static int phaseRank(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (phase == null || "Pending".equals(phase)) {
            return 0;
        }
        return "Unknown".equals(phase) ? 1 : 2;
    }

    /** A new pod from the ReplicaSet's template: named after it, labelled as the template, controlled by it. */
    static Pod newPod(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        PodBuilder pod = new PodBuilder().withNewMetadata().withGenerateName(rs.getMetadata().getName() + "-")
                .withNamespace(rs.getMetadata().getNamespace()).addToOwnerReferences(Owners.reference(rs))
                .endMetadata().withSpec(template.getSpec());
        if (template.getMetadata() != null) {
            pod.editMetadata().withLabels(template.getMetadata().getLabels())
                    .withAnnotations(template.getMetadata().getAnnotations()).withFinalizers(template.getMetadata()
                            .getFinalizers()).endMetadata();
        }
        return pod.build();
    }
}
