package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What Kubernetes' garbage collector decides, as pure functions: for an object being deleted with
 * the finalizer {@code orphan} or {@code foregroundDeletion}, what becomes of its dependents and when
 * the finalizer goes; for an object with owners, whether it stays, drops references or is deleted.
 */
final class GarbageCollection {

    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";

    private GarbageCollection() {
    }

    /** An owner as its dependent sees it (Kubernetes' solid, waitingForDependentsDeletion and dangling). */
    enum OwnerState {
        /** Exists and is not being deleted in the foreground. */
        SOLID,
        /** Exists, being deleted, waiting with {@code foregroundDeletion} for its dependents to go. */
        WAITING_FOR_DEPENDENTS,
        /** Does not exist with the referenced UID (checked with a live read). */
        ABSENT
    }

    /**
     * For an owner being deleted.
     *
     * @param release         dependents whose reference to the owner is to be removed (orphan)
     * @param check           dependents to look at now, each to be deleted unless it has another live owner
     * @param removeFinalizer the finalizer that may go now (after {@code release}), or null
     */
    record OwnerPlan(List<HasMetadata> release, List<HasMetadata> check, String removeFinalizer) {
        static final OwnerPlan NONE = new OwnerPlan(List.of(), List.of(), null);
    }

    /**
     * For an object with owners.
     *
     * @param removeOwners UIDs of the references to remove (to owners that are gone or waiting)
     * @param delete       the propagation policy to delete the object with ({@code Background},
     *                     {@code Foreground}, {@code Orphan}), or null to keep it
     */
    record DependentPlan(List<String> removeOwners, String delete) {
        static final DependentPlan KEEP = new DependentPlan(List.of(), null);
    }

    /** What the deletion of {@code owner} asks of its {@code dependents} (those whose references name it). */
    static OwnerPlan forOwner(HasMetadata owner, Collection<HasMetadata> dependents) {
        List<String> finalizers = finalizers(owner);
        if (owner.getMetadata().getDeletionTimestamp() == null) {
            return OwnerPlan.NONE;
        }
        String uid = owner.getMetadata().getUid();
        if (finalizers.contains(ORPHAN)) {
            return new OwnerPlan(List.copyOf(dependents), List.of(), ORPHAN);
        }
        if (!finalizers.contains(FOREGROUND)) {
            return OwnerPlan.NONE;
        }
        boolean blocked = dependents.stream().anyMatch(d -> blocks(d, uid));
        if (!blocked) {
            return new OwnerPlan(List.of(), List.of(), FOREGROUND);
        }
        List<HasMetadata> check = dependents.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                .toList();
        return new OwnerPlan(List.of(), check, null);
    }

    /**
     * Kubernetes' attemptToDeleteItem: an object being deleted is left alone; with a solid owner it
     * stays, dropping references to owners that are gone or waiting for it; with none it is deleted —
     * in the foreground when an owner waits for it and it has dependents of its own, else as its
     * own finalizers say (orphan, foreground) or in the background.
     *
     * @param owners        the state of each owner, by UID
     * @param hasDependents whether other objects name this one as their owner
     */
    static DependentPlan forDependent(HasMetadata object, Map<String, OwnerState> owners, boolean hasDependents) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (object.getMetadata().getDeletionTimestamp() != null || refs == null || refs.isEmpty()) {
            return DependentPlan.KEEP;
        }
        List<String> solid = new ArrayList<>();
        List<String> notSolid = new ArrayList<>();
        boolean waiting = false;
        for (OwnerReference ref : refs) {
            OwnerState state = owners.getOrDefault(ref.getUid(), OwnerState.SOLID);
            if (state == OwnerState.SOLID) {
                solid.add(ref.getUid());
            } else {
                notSolid.add(ref.getUid());
                waiting |= state == OwnerState.WAITING_FOR_DEPENDENTS;
            }
        }
        if (!solid.isEmpty()) {
            return notSolid.isEmpty() ? DependentPlan.KEEP : new DependentPlan(notSolid, null);
        }
        if (waiting && hasDependents) {
            return new DependentPlan(List.of(), "Foreground");
        }
        List<String> finalizers = finalizers(object);
        String policy = finalizers.contains(ORPHAN) ? "Orphan"
                : finalizers.contains(FOREGROUND) ? "Foreground" : "Background";
        return new DependentPlan(List.of(), policy);
    }

    /** The state of an owner found with the referenced UID, null meaning not found. */
    static OwnerState stateOf(HasMetadata owner, String uid) {
        if (owner == null || !uid.equals(owner.getMetadata().getUid())) {
            return OwnerState.ABSENT;
        }
        return owner.getMetadata().getDeletionTimestamp() != null && finalizers(owner).contains(FOREGROUND)
                ? OwnerState.WAITING_FOR_DEPENDENTS : OwnerState.SOLID;
    }

    /**
     * Whether a cluster-scoped dependent names a namespaced owner, which cannot exist for it: Kubernetes
     * takes such an owner as absent (event {@code OwnerRefInvalidNamespace}).
     */
    static boolean ownerOutsideNamespace(HasMetadata dependent, boolean ownerNamespaced) {
        return ownerNamespaced && dependent.getMetadata().getNamespace() == null;
    }

    /** Whether the dependent's reference to {@code ownerUid} has {@code blockOwnerDeletion: true}. */
    static boolean blocks(HasMetadata dependent, String ownerUid) {
        List<OwnerReference> refs = dependent.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> ownerUid.equals(r.getUid())
                && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
    }

    static List<String> finalizers(HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }
}
