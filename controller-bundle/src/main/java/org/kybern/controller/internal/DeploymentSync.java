package org.kybern.controller.internal;

import static org.kybern.controller.internal.DeploymentReplicaSets.DESIRED_REPLICAS;
import static org.kybern.controller.internal.DeploymentReplicaSets.MAX_REPLICAS;
import static org.kybern.controller.internal.DeploymentReplicaSets.REVISION;
import static org.kybern.controller.internal.DeploymentReplicaSets.available;
import static org.kybern.controller.internal.DeploymentReplicaSets.maxSurge;
import static org.kybern.controller.internal.DeploymentReplicaSets.maxUnavailable;
import static org.kybern.controller.internal.DeploymentReplicaSets.replicas;
import static org.kybern.controller.internal.DeploymentReplicaSets.revision;
import static org.kybern.controller.internal.DeploymentReplicaSets.statusReplicas;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one Deployment needs, worked out from cached state alone (no I/O, tested table by table), as
 * Kubernetes' deployment controller does in one sync: the ReplicaSet for the current template to
 * create, the ReplicaSets to scale (a rolling update within maxSurge and maxUnavailable, Recreate, or
 * proportional scaling when the Deployment is resized or paused), old ReplicaSets beyond
 * {@code revisionHistoryLimit} to delete, the revision, and the status with its conditions.
 */
final class DeploymentSync {

    /**
     * @param adopt        orphan ReplicaSets matching the selector, to take (they count from now on)
     * @param release      ReplicaSets it controls that stopped matching the selector, to let go
     * @param create       the new ReplicaSet to create, or null
     * @param update       ReplicaSets to write back changed (replicas, annotations, minReadySeconds)
     * @param delete       old ReplicaSets beyond the history limit
     * @param revision     the revision annotation the Deployment should carry, or null to leave it
     * @param status       the status the Deployment should show
     * @param requeueAfter look again after this long (progress deadline, minReadySeconds), or null
     */
    record Plan(List<ReplicaSet> adopt, List<ReplicaSet> release, ReplicaSet create, List<ReplicaSet> update,
            List<ReplicaSet> delete, String revision, DeploymentStatus status, Duration requeueAfter) {
    }

    private final Deployment d;
    private final Instant now;
    private final List<ReplicaSet> adopt;
    private final List<ReplicaSet> release;
    private final List<ReplicaSet> olds;
    /** The ReplicaSets as the cache shows them, by name. */
    private final Map<String, ReplicaSet> cached = new HashMap<>();
    private ReplicaSet newRS;
    private ReplicaSet create;
    /** The replicas each ReplicaSet (by name) should have, where it changes or its annotations are refreshed. */
    private final Map<String, Integer> scaled = new LinkedHashMap<>();
    private final List<ReplicaSet> delete = new ArrayList<>();
    private final List<DeploymentCondition> conditions;
    private Integer collisionCount;

    private DeploymentSync(Deployment d, List<ReplicaSet> replicaSets, Instant now) {
        this.d = d;
        this.now = now;
        Owners.Claim<ReplicaSet> claim = Owners.claim(d, d.getSpec().getSelector(), replicaSets);
        List<ReplicaSet> owned = claim.owned();
        this.adopt = claim.adopt();
        this.release = claim.release();
        List<ReplicaSet> sorted = owned.stream().sorted(OLDEST_FIRST).toList();
        sorted.forEach(rs -> cached.put(rs.getMetadata().getName(), rs));
        this.newRS = sorted.stream().filter(rs -> DeploymentReplicaSets.runsTemplateOf(rs, d)).findFirst().orElse(null);
        this.olds = sorted.stream().filter(rs -> rs != newRS).toList();
        this.conditions = d.getStatus() == null || d.getStatus().getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(d.getStatus().getConditions());
        this.collisionCount = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
    }

    static final Comparator<ReplicaSet> OLDEST_FIRST = Comparator
            .comparing((ReplicaSet rs) -> Objects.toString(rs.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(rs -> rs.getMetadata().getName());

    /**
     * @param replicaSets the cached ReplicaSets of the Deployment's namespace (those it controls or adopts count)
     * @param pods        the cached pods of the namespace (Recreate waits until the old ones are gone)
     */
    static Plan plan(Deployment d, List<ReplicaSet> replicaSets, List<Pod> pods, Instant now) {
        return new DeploymentSync(d, replicaSets, now).sync(pods);
    }

    private Plan sync(List<Pod> pods) {
        if (d.getMetadata().getDeletionTimestamp() != null) {
            return plan(false);
        }
        DeploymentStatuses.pausedConditions(d, conditions, now);
        if (Boolean.TRUE.equals(d.getSpec().getPaused()) || scalingEvent()) {
            syncNewReplicaSet(false);
            scale();
            if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
                cleanUp();
            }
            return plan(false);
        }
        return DeploymentReplicaSets.rollingUpdate(d) ? rollOut() : recreate(pods);
    }

    private Plan rollOut() {
        if (!syncNewReplicaSet(true)) {
            return plan(false);
        }
        if (reconcileNew() || reconcileOld()) {
            return plan(true);
        }
        if (DeploymentStatuses.complete(d, status())) {
            cleanUp();
        }
        return plan(true);
    }

    /** Recreate: old ReplicaSets to 0, wait until their pods are gone, then the new one to {@code replicas}. */
    private Plan recreate(List<Pod> pods) {
        syncNewReplicaSet(false);
        boolean scaledDown = false;
        for (ReplicaSet old : olds) {
            if (target(old) > 0) {
                scale(old, 0);
                scaledDown = true;
            }
        }
        if (scaledDown || oldPodsRunning(pods)) {
            return plan(true);
        }
        if (newRS == null && !syncNewReplicaSet(true)) {
            return plan(false);
        }
        if (target(newRS) != replicas(d)) {
            scale(newRS, replicas(d));
        } else if (DeploymentStatuses.complete(d, status())) {
            cleanUp();
        }
        return plan(true);
    }

    private boolean oldPodsRunning(List<Pod> pods) {
        if (olds.stream().mapToInt(DeploymentReplicaSets::statusReplicas).sum() > 0) {
            return true;
        }
        Set<String> oldUids = new HashSet<>();
        olds.forEach(rs -> oldUids.add(rs.getMetadata().getUid()));
        return pods.stream().anyMatch(p -> {
            var ref = Owners.controllerOf(p);
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            return ref != null && oldUids.contains(ref.getUid()) && !"Succeeded".equals(phase) && !"Failed".equals(phase);
        });
    }

    /**
     * Finds (or, if {@code create}, makes) the ReplicaSet of the current template and brings its
     * revision and minReadySeconds up to date. False when it cannot be made yet (a name collision).
     */
    private boolean syncNewReplicaSet(boolean createIfMissing) {
        long revision = olds.stream().mapToLong(DeploymentReplicaSets::revision).max().orElse(0) + 1;
        if (newRS != null) {
            if (revision(newRS) < revision || !Objects.equals(newRS.getSpec().getMinReadySeconds(),
                    d.getSpec().getMinReadySeconds())) {
                newRS = new ReplicaSetBuilder(newRS).editMetadata().addToAnnotations(REVISION, Long.toString(
                        Math.max(revision, revision(newRS)))).endMetadata().editSpec()
                        .withMinReadySeconds(d.getSpec().getMinReadySeconds()).endSpec().build();
                scaled.putIfAbsent(newRS.getMetadata().getName(), replicas(newRS));
            }
            if (DeploymentStatuses.progressing(conditions) == null && hasProgressDeadline()) {
                DeploymentStatuses.set(conditions, DeploymentStatuses.condition("Progressing", "True",
                        "FoundNewReplicaSet", "Found new replica set \"" + newRS.getMetadata().getName() + "\"", now));
            }
            return true;
        }
        if (!createIfMissing) {
            return false;
        }
        String hash = DeploymentReplicaSets.hash(d.getSpec().getTemplate(), collisionCount);
        String name = d.getMetadata().getName() + "-" + hash;
        if (olds.stream().anyMatch(rs -> rs.getMetadata().getName().equals(name))) {
            collisionCount = collisionCount == null ? 1 : collisionCount + 1;
            return false;
        }
        int replicas = newReplicas(0);
        create = DeploymentReplicaSets.newReplicaSet(d, hash, replicas, revision);
        newRS = create;
        if (hasProgressDeadline()) {
            DeploymentStatuses.set(conditions, DeploymentStatuses.condition("Progressing", "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + name + "\"", now));
        }
        return true;
    }

    private boolean hasProgressDeadline() {
        return DeploymentStatuses.hasProgressDeadline(d);
    }

    /** Kubernetes' NewRSNewReplicas: as many as fit under replicas + maxSurge, at most replicas. */
    private int newReplicas(int current) {
        if (!DeploymentReplicaSets.rollingUpdate(d)) {
            return replicas(d);
        }
        int all = olds.stream().mapToInt(this::target).sum() + current;
        int maxTotal = replicas(d) + maxSurge(d);
        if (all >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - all, replicas(d) - current);
    }

    /** Scales the new ReplicaSet up within the surge (or down to replicas); true if it changed. */
    private boolean reconcileNew() {
        int current = target(newRS);
        int want = current > replicas(d) ? replicas(d) : newReplicas(current);
        if (want == current) {
            return false;
        }
        scale(newRS, want);
        return true;
    }

    /**
     * Scales old ReplicaSets down within maxUnavailable: unhealthy replicas first (oldest ReplicaSet
     * first), then as many available ones as keep {@code replicas - maxUnavailable} available.
     */
    private boolean reconcileOld() {
        int oldCount = olds.stream().mapToInt(this::target).sum();
        if (oldCount == 0) {
            return false;
        }
        int all = oldCount + target(newRS);
        int minAvailable = replicas(d) - maxUnavailable(d);
        int newUnavailable = target(newRS) - available(newRS);
        int maxScaledDown = all - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = 0;
        for (ReplicaSet old : olds) {
            int unhealthy = target(old) - available(old);
            if (cleaned >= maxScaledDown || target(old) == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            scale(old, target(old) - down);
            cleaned += down;
        }
        int availableNow = available(newRS) + olds.stream().mapToInt(DeploymentReplicaSets::available).sum();
        int toScaleDown = availableNow - minAvailable;
        int done = 0;
        for (ReplicaSet old : olds) {
            if (done >= toScaleDown) {
                break;
            }
            int down = Math.min(target(old), toScaleDown - done);
            if (down > 0) {
                scale(old, target(old) - down);
                done += down;
            }
        }
        return cleaned + Math.max(done, 0) > 0;
    }

    /** Whether an active ReplicaSet was sized for another {@code replicas} (Kubernetes' isScalingEvent). */
    private boolean scalingEvent() {
        for (ReplicaSet rs : all()) {
            String desired = rs.getMetadata().getAnnotations() == null ? null
                    : rs.getMetadata().getAnnotations().get(DESIRED_REPLICAS);
            if (replicas(rs) > 0 && desired != null && !desired.equals(Integer.toString(replicas(d)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resizing without rolling (Kubernetes' scale): the only active ReplicaSet takes all replicas; a
     * saturated new ReplicaSet lets the old ones go; otherwise the change is shared out in proportion.
     */
    private void scale() {
        List<ReplicaSet> active = all().stream().filter(rs -> target(rs) > 0).toList();
        ReplicaSet only = active.size() == 1 ? active.get(0)
                : active.isEmpty() ? (newRS != null ? newRS : olds.isEmpty() ? null : olds.get(olds.size() - 1)) : null;
        if (only != null || active.isEmpty()) {
            if (only != null && target(only) != replicas(d)) {
                scale(only, replicas(d));
            }
            return;
        }
        if (saturated()) {
            olds.stream().filter(rs -> target(rs) > 0).forEach(rs -> scale(rs, 0));
            return;
        }
        if (!DeploymentReplicaSets.rollingUpdate(d)) {
            return;
        }
        int allowed = replicas(d) == 0 ? 0 : replicas(d) + maxSurge(d);
        int toAdd = allowed - active.stream().mapToInt(this::target).sum();
        Comparator<ReplicaSet> order = Comparator.comparing((ReplicaSet rs) -> -target(rs));
        order = toAdd > 0 ? order.thenComparing(OLDEST_FIRST.reversed()) : order.thenComparing(OLDEST_FIRST);
        List<ReplicaSet> sorted = active.stream().sorted(order).toList();
        Map<String, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : sorted) {
            int proportion = toAdd == 0 ? 0 : proportion(rs, toAdd, added);
            sizes.put(rs.getMetadata().getName(), target(rs) + proportion);
            added += proportion;
        }
        if (toAdd != 0) {
            String first = sorted.get(0).getMetadata().getName();
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        sorted.forEach(rs -> scale(rs, sizes.get(rs.getMetadata().getName())));
    }

    private boolean saturated() {
        if (newRS == null) {
            return false;
        }
        String desired = newRS.getMetadata().getAnnotations() == null ? null
                : newRS.getMetadata().getAnnotations().get(DESIRED_REPLICAS);
        return target(newRS) == replicas(d) && Integer.toString(replicas(d)).equals(desired)
                && available(newRS) == replicas(d);
    }

    /** Kubernetes' getProportion: the ReplicaSet's share of {@code toAdd}, bounded by what is left. */
    private int proportion(ReplicaSet rs, int toAdd, int added) {
        int fraction;
        if (replicas(d) == 0) {
            fraction = -target(rs);
        } else {
            String max = rs.getMetadata().getAnnotations() == null ? null
                    : rs.getMetadata().getAnnotations().get(MAX_REPLICAS);
            int before = max == null ? (d.getStatus() == null || d.getStatus().getReplicas() == null ? 0
                    : d.getStatus().getReplicas()) : Integer.parseInt(max);
            fraction = before == 0 ? 0 : (int) Math.round(target(rs) * (double) (replicas(d) + maxSurge(d)) / before)
                    - target(rs);
        }
        int allowed = Math.abs(toAdd - added);
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, -allowed);
    }

    /** Old ReplicaSets beyond revisionHistoryLimit, oldest revision first, if they have nothing left. */
    private void cleanUp() {
        Integer limit = d.getSpec().getRevisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = olds.stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparingLong(DeploymentReplicaSets::revision).thenComparing(OLDEST_FIRST)).toList();
        int diff = cleanable.size() - limit;
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            Long generation = rs.getMetadata().getGeneration();
            Long observed = rs.getStatus() == null ? null : rs.getStatus().getObservedGeneration();
            if (statusReplicas(rs) == 0 && target(rs) == 0 && (generation == null || observed != null
                    && observed >= generation)) {
                delete.add(rs);
            }
        }
    }

    private void scale(ReplicaSet rs, int replicas) {
        scaled.put(rs.getMetadata().getName(), replicas);
    }

    /** The replicas the ReplicaSet has after this pass's changes. */
    private int target(ReplicaSet rs) {
        if (rs == null) {
            return 0;
        }
        return scaled.getOrDefault(rs.getMetadata().getName(), replicas(rs));
    }

    private List<ReplicaSet> all() {
        List<ReplicaSet> all = new ArrayList<>(olds);
        if (newRS != null) {
            all.add(newRS);
        }
        return all;
    }

    /** The ReplicaSets as they will be after this pass (replicas and annotations written). */
    private List<ReplicaSet> after() {
        return all().stream().map(rs -> scaled.containsKey(rs.getMetadata().getName()) ? resized(rs) : rs).toList();
    }

    private ReplicaSet resized(ReplicaSet rs) {
        return new ReplicaSetBuilder(rs).editSpec().withReplicas(target(rs)).endSpec().editMetadata()
                .addToAnnotations(DESIRED_REPLICAS, Integer.toString(replicas(d)))
                .addToAnnotations(MAX_REPLICAS, Integer.toString(replicas(d) + maxSurge(d))).endMetadata().build();
    }

    private DeploymentStatus status() {
        ReplicaSet current = newRS == null ? null : after().stream()
                .filter(rs -> rs.getMetadata().getName().equals(newRS.getMetadata().getName())).findFirst().orElse(null);
        return DeploymentStatuses.status(d, current, after(), conditions, collisionCount, now);
    }

    private Plan plan(boolean rollout) {
        DeploymentStatus status = status();
        Duration requeue = null;
        if (rollout) {
            requeue = DeploymentStatuses.progress(d, newRS, status, now);
        }
        List<ReplicaSet> update = new ArrayList<>();
        ReplicaSet created = create;
        for (ReplicaSet rs : after()) {
            if (create != null && rs.getMetadata().getName().equals(create.getMetadata().getName())) {
                created = rs;
            } else if (scaled.containsKey(rs.getMetadata().getName()) && !rs.equals(cached.get(rs.getMetadata().getName()))) {
                update.add(rs);
            }
        }
        String revision = newRS == null ? null : Long.toString(revision(newRS));
        String current = d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(REVISION);
        return new Plan(adopt, release, created, update, delete, Objects.equals(revision, current) ? null : revision, status,
                requeue);
    }
}
