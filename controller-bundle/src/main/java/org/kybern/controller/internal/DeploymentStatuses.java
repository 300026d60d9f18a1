package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment's status from its ReplicaSets, with Kubernetes' conditions: Available
 * (MinimumReplicasAvailable / MinimumReplicasUnavailable) and Progressing (NewReplicaSetCreated,
 * FoundNewReplicaSet, ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded,
 * DeploymentPaused, DeploymentResumed).
 */
final class DeploymentStatuses {

    static final String PROGRESSING = "Progressing";
    static final String AVAILABLE = "Available";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";

    private DeploymentStatuses() {
    }

    static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
        String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastUpdateTime(at).withLastTransitionTime(at).build();
    }

    static DeploymentCondition get(List<DeploymentCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    static DeploymentCondition progressing(List<DeploymentCondition> conditions) {
        return get(conditions, PROGRESSING);
    }

    /**
     * Kubernetes' SetDeploymentCondition: nothing changes if the condition has this status and reason
     * already; with the same status it keeps its lastTransitionTime.
     */
    static void set(List<DeploymentCondition> conditions, DeploymentCondition condition) {
        DeploymentCondition current = get(conditions, condition.getType());
        if (current != null && current.getStatus().equals(condition.getStatus())
                && current.getReason() != null && current.getReason().equals(condition.getReason())) {
            return;
        }
        if (current != null && current.getStatus().equals(condition.getStatus())) {
            condition.setLastTransitionTime(current.getLastTransitionTime());
        }
        conditions.removeIf(c -> c.getType().equals(condition.getType()));
        conditions.add(condition);
    }

    /** Progressing Unknown while paused (DeploymentPaused), and DeploymentResumed when no longer paused. */
    static void pausedConditions(Deployment d, List<DeploymentCondition> conditions, Instant now) {
        if (!hasProgressDeadline(d)) {
            return;
        }
        DeploymentCondition current = progressing(conditions);
        boolean pausedCondition = current != null && PAUSED.equals(current.getReason());
        if (Boolean.TRUE.equals(d.getSpec().getPaused()) && !pausedCondition) {
            set(conditions, condition(PROGRESSING, "Unknown", PAUSED, "Deployment is paused", now));
        } else if (!Boolean.TRUE.equals(d.getSpec().getPaused()) && pausedCondition) {
            set(conditions, condition(PROGRESSING, "Unknown", "DeploymentResumed", "Deployment is resumed", now));
        }
    }

    static boolean hasProgressDeadline(Deployment d) {
        Integer deadline = d.getSpec().getProgressDeadlineSeconds();
        return deadline != null && deadline != Integer.MAX_VALUE;
    }

    /** Kubernetes' calculateStatus: counts from the ReplicaSets, and the Available condition. */
    static DeploymentStatus status(Deployment d, ReplicaSet newRS, List<ReplicaSet> all,
            List<DeploymentCondition> conditions, Integer collisionCount, Instant now) {
        int replicas = all.stream().mapToInt(DeploymentReplicaSets::statusReplicas).sum();
        int wanted = all.stream().mapToInt(DeploymentReplicaSets::replicas).sum();
        int ready = all.stream().mapToInt(DeploymentReplicaSets::ready).sum();
        int available = all.stream().mapToInt(DeploymentReplicaSets::available).sum();
        List<DeploymentCondition> result = new ArrayList<>();
        conditions.forEach(c -> result.add(new DeploymentConditionBuilder(c).build()));
        if (available >= DeploymentReplicaSets.replicas(d) - DeploymentReplicaSets.maxUnavailable(d)) {
            set(result, condition(AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                    now));
        } else {
            set(result, condition(AVAILABLE, "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now));
        }
        return new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(newRS == null ? 0 : DeploymentReplicaSets.statusReplicas(newRS))
                .withReadyReplicas(ready).withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, wanted - available)).withCollisionCount(collisionCount)
                .withConditions(result).build();
    }

    /** Kubernetes' DeploymentComplete: every replica updated and available, and this generation observed. */
    static boolean complete(Deployment d, DeploymentStatus status) {
        int replicas = DeploymentReplicaSets.replicas(d);
        return status.getUpdatedReplicas() == replicas && status.getReplicas() == replicas
                && status.getAvailableReplicas() == replicas && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= d.getMetadata().getGeneration();
    }

    /** Kubernetes' DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
    static boolean progressed(Deployment d, DeploymentStatus status) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = zero(old.getReplicas()) - zero(old.getUpdatedReplicas());
        int newOld = status.getReplicas() - status.getUpdatedReplicas();
        return status.getUpdatedReplicas() > zero(old.getUpdatedReplicas()) || newOld < oldOld
                || status.getReadyReplicas() > zero(old.getReadyReplicas())
                || status.getAvailableReplicas() > zero(old.getAvailableReplicas());
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * Kubernetes' syncRolloutStatus: sets Progressing on {@code status} (NewReplicaSetAvailable when
     * complete, ReplicaSetUpdated when it moved, ProgressDeadlineExceeded when it has not moved for
     * progressDeadlineSeconds) and says when to look again: at the deadline, or after minReadySeconds.
     */
    static Duration progress(Deployment d, ReplicaSet newRS, DeploymentStatus status, Instant now) {
        List<DeploymentCondition> conditions = status.getConditions();
        if (!hasProgressDeadline(d)) {
            conditions.removeIf(c -> PROGRESSING.equals(c.getType()));
        }
        DeploymentCondition current = progressing(conditions);
        boolean alreadyComplete = status.getReplicas().equals(status.getUpdatedReplicas()) && current != null
                && NEW_RS_AVAILABLE.equals(current.getReason());
        String subject = newRS == null ? "Deployment \"" + d.getMetadata().getName() + "\""
                : "ReplicaSet \"" + newRS.getMetadata().getName() + "\"";
        boolean complete = complete(d, status);
        if (hasProgressDeadline(d) && !alreadyComplete) {
            if (complete) {
                set(conditions, condition(PROGRESSING, "True", NEW_RS_AVAILABLE, subject + " has successfully progressed.",
                        now));
            } else if (progressed(d, status)) {
                DeploymentCondition updated = condition(PROGRESSING, "True", "ReplicaSetUpdated",
                        subject + " is progressing.", now);
                if (current != null && "True".equals(current.getStatus())) {
                    updated.setLastTransitionTime(current.getLastTransitionTime());
                }
                conditions.removeIf(c -> PROGRESSING.equals(c.getType()));
                conditions.add(updated);
            } else if (timedOut(d, current, now)) {
                set(conditions, condition(PROGRESSING, "False", TIMED_OUT, subject + " has timed out progressing.", now));
            }
        }
        Duration requeue = null;
        DeploymentCondition after = progressing(conditions);
        if (!complete && after != null && hasProgressDeadline(d) && !TIMED_OUT.equals(after.getReason())
                && !NEW_RS_AVAILABLE.equals(after.getReason()) && after.getLastUpdateTime() != null) {
            Instant deadline = Instant.parse(after.getLastUpdateTime()).plusSeconds(d.getSpec().getProgressDeadlineSeconds());
            requeue = Duration.between(now, deadline).plusSeconds(1);
            if (requeue.isNegative()) {
                requeue = Duration.ofSeconds(1);
            }
        }
        Integer minReady = d.getSpec().getMinReadySeconds();
        if (minReady != null && minReady > 0 && status.getReadyReplicas() > status.getAvailableReplicas()) {
            Duration afterMinReady = Duration.ofSeconds(minReady);
            requeue = requeue == null || afterMinReady.compareTo(requeue) < 0 ? afterMinReady : requeue;
        }
        return requeue;
    }

    /** Kubernetes' DeploymentTimedOut: no progress since the condition's lastUpdateTime for the deadline. */
    static boolean timedOut(Deployment d, DeploymentCondition progressing, Instant now) {
        if (!hasProgressDeadline(d) || progressing == null || NEW_RS_AVAILABLE.equals(progressing.getReason())) {
            return false;
        }
        if (TIMED_OUT.equals(progressing.getReason())) {
            return true;
        }
        if (progressing.getLastUpdateTime() == null) {
            return false;
        }
        Instant from = Instant.parse(progressing.getLastUpdateTime());
        return from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
    }
}
