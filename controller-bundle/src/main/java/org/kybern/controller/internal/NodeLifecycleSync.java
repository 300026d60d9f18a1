package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the node lifecycle controller does to one node, from cached state alone (tested table by
 * table), as Kubernetes' monitorNodeHealth: a node whose kubelet has renewed neither its Lease in
 * {@code kube-node-lease} nor its Ready condition within the grace period gets every condition set to
 * {@code Unknown} ({@code NodeStatusUnknown}); the Ready status then decides the taints — {@code Unknown}:
 * {@code node.kubernetes.io/unreachable}, {@code False}: {@code node.kubernetes.io/not-ready}, each
 * {@code NoSchedule} and {@code NoExecute}; {@code True}: neither. A {@code NoExecute} taint is only added
 * with a permit (the eviction rate limit); swapping one for the other needs none.
 */
final class NodeLifecycleSync {

    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NO_SCHEDULE = "NoSchedule";
    static final List<String> CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

    /**
     * @param conditions      the node's new conditions, or null if they stay
     * @param taints          the node's new taints, or null if they stay
     * @param event           {@code NodeNotReady} or {@code NodeReady} when the node changes so, else null
     * @param markPodsNotReady the node is not Ready: its pods are marked Ready=False
     * @param deferred        a NoExecute taint waits for the eviction rate limit
     * @param requeueAfter    look again then (when the node would go stale), or null
     */
    record Plan(List<NodeCondition> conditions, List<Taint> taints, String event, boolean markPodsNotReady,
            boolean deferred, Duration requeueAfter) {
    }

    private NodeLifecycleSync() {
    }

    /**
     * @param lease       the node's Lease in kube-node-lease, or null
     * @param mayNoExecute asked only when a NoExecute taint would be added; false defers it
     */
    static Plan plan(Node node, Lease lease, Instant now, Duration grace, BooleanSupplier mayNoExecute) {
        List<NodeCondition> current = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        String observedReady = status(current, "Ready");
        Instant lastSeen = lastSeen(node, lease, current);
        boolean stale = !now.isBefore(lastSeen.plus(grace));
        List<NodeCondition> conditions = stale ? unknown(current, node, now) : null;
        String ready = stale ? "Unknown" : observedReady;
        List<Taint> existing = node.getSpec() == null ? null : node.getSpec().getTaints();
        Taints taints = taints(existing, ready, now, mayNoExecute);
        boolean deferred = taints.deferred;
        String event = null;
        if ("True".equals(observedReady) && !"True".equals(ready)) {
            event = "NodeNotReady";
        } else if ("True".equals(ready) && tainted(existing)) {
            event = "NodeReady";
        }
        Duration requeue = stale ? null : Duration.between(now, lastSeen.plus(grace)).plusMillis(100);
        return new Plan(conditions, taints.changed ? taints.list : null, event, ready != null && !"True".equals(ready),
                deferred, requeue);
    }

    /** When the kubelet was last heard of: its Lease's renewal, its Ready heartbeat, or the node's creation. */
    static Instant lastSeen(Node node, Lease lease, List<NodeCondition> conditions) {
        Instant seen = node.getMetadata().getCreationTimestamp() == null ? Instant.EPOCH
                : Instant.parse(node.getMetadata().getCreationTimestamp());
        NodeCondition ready = condition(conditions, "Ready");
        if (ready != null && ready.getLastHeartbeatTime() != null) {
            seen = max(seen, Instant.parse(ready.getLastHeartbeatTime()));
        }
        if (lease != null && lease.getSpec() != null && lease.getSpec().getRenewTime() != null) {
            seen = max(seen, lease.getSpec().getRenewTime().toInstant());
        }
        return seen;
    }

    /** Every condition Unknown, as Kubernetes when the kubelet stopped posting (or never posted) status. */
    private static List<NodeCondition> unknown(List<NodeCondition> current, Node node, Instant now) {
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<NodeCondition> result = new ArrayList<>();
        for (NodeCondition c : current) {
            if (!CONDITIONS.contains(c.getType()) || "Unknown".equals(c.getStatus())) {
                result.add(c);
            } else {
                result.add(new NodeConditionBuilder(c).withStatus("Unknown").withReason("NodeStatusUnknown")
                        .withMessage("Kubelet stopped posting node status.").withLastTransitionTime(stamp).build());
            }
        }
        for (String type : CONDITIONS) {
            if (condition(current, type) == null) {
                result.add(new NodeConditionBuilder().withType(type).withStatus("Unknown")
                        .withReason("NodeStatusNeverUpdated").withMessage("Kubelet never posted node status.")
                        .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp()).withLastTransitionTime(stamp)
                        .build());
            }
        }
        return result.equals(current) ? null : result;
    }

    private record Taints(List<Taint> list, boolean changed, boolean deferred) {
    }

    /** The node's taints with the not-ready or unreachable pair the Ready status calls for, the others kept. */
    private static Taints taints(List<Taint> current, String ready, Instant now, BooleanSupplier mayNoExecute) {
        List<Taint> existing = current == null ? List.of() : current;
        String wanted = ready == null ? null : switch (ready) {
            case "False" -> NOT_READY;
            case "Unknown" -> UNREACHABLE;
            default -> null;
        };
        List<Taint> result = new ArrayList<>();
        for (Taint t : existing) {
            boolean ours = NOT_READY.equals(t.getKey()) || UNREACHABLE.equals(t.getKey());
            if (!ours || t.getKey().equals(wanted)) {
                result.add(t);
            }
        }
        boolean deferred = false;
        if (wanted != null) {
            if (!has(result, wanted, NO_SCHEDULE)) {
                result.add(new TaintBuilder().withKey(wanted).withEffect(NO_SCHEDULE).build());
            }
            if (!has(result, wanted, TaintEviction.NO_EXECUTE)) {
                boolean swap = has(existing, NOT_READY, TaintEviction.NO_EXECUTE)
                        || has(existing, UNREACHABLE, TaintEviction.NO_EXECUTE);
                if (swap || mayNoExecute.getAsBoolean()) {
                    result.add(new TaintBuilder().withKey(wanted).withEffect(TaintEviction.NO_EXECUTE)
                            .withTimeAdded(now.truncatedTo(ChronoUnit.SECONDS).toString()).build());
                } else {
                    deferred = true;
                }
            }
        }
        return new Taints(result, !result.equals(existing), deferred);
    }

    private static boolean has(List<Taint> taints, String key, String effect) {
        return taints.stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    /** Whether the node carries a not-ready or unreachable taint. */
    private static boolean tainted(List<Taint> taints) {
        return taints != null && taints.stream().anyMatch(t -> NOT_READY.equals(t.getKey()) || UNREACHABLE.equals(t.getKey()));
    }

    /**
     * Kubernetes' MarkPodsNotReady for one pod: its status with Ready=False, or null if it is not Ready
     * now (nothing to write).
     */
    static PodStatus notReady(Pod pod, Instant now) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        List<PodCondition> conditions = new ArrayList<>();
        boolean changed = false;
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                conditions.add(new PodConditionBuilder(c).withStatus("False")
                        .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString()).build());
                changed = true;
            } else {
                conditions.add(c);
            }
        }
        return changed ? new PodStatusBuilder(pod.getStatus()).withConditions(conditions).build() : null;
    }

    private static NodeCondition condition(List<NodeCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static String status(List<NodeCondition> conditions, String type) {
        NodeCondition c = condition(conditions, type);
        return c == null ? null : c.getStatus();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
