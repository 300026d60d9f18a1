package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector's graph, as Kubernetes' GraphBuilder keeps it: every object the informers
 * show, by UID, and for each owner UID the UIDs of the objects whose ownerReferences name it (an
 * owner need not be known: its dependents are listed under its UID all the same).
 */
final class DependencyGraph {

    private final Map<String, HasMetadata> objects = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    /** Records the object's current state (added or updated). */
    synchronized void put(HasMetadata object) {
        String uid = object.getMetadata().getUid();
        HasMetadata old = objects.put(uid, object);
        if (old != null) {
            unlink(old);
        }
        for (String owner : ownerUids(object)) {
            dependents.computeIfAbsent(owner, o -> new HashSet<>()).add(uid);
        }
    }

    /** Forgets a deleted object (its dependents stay listed under its UID until they change or go). */
    synchronized void remove(HasMetadata object) {
        HasMetadata old = objects.remove(object.getMetadata().getUid());
        unlink(old != null ? old : object);
    }

    private void unlink(HasMetadata object) {
        String uid = object.getMetadata().getUid();
        for (String owner : ownerUids(object)) {
            Set<String> set = dependents.get(owner);
            if (set != null && set.remove(uid) && set.isEmpty()) {
                dependents.remove(owner);
            }
        }
    }

    /** The object with this UID, or null. */
    synchronized HasMetadata get(String uid) {
        return objects.get(uid);
    }

    /** The known objects whose ownerReferences name {@code ownerUid}. */
    synchronized List<HasMetadata> dependents(String ownerUid) {
        List<HasMetadata> result = new ArrayList<>();
        for (String uid : dependents.getOrDefault(ownerUid, Set.of())) {
            HasMetadata dependent = objects.get(uid);
            if (dependent != null) {
                result.add(dependent);
            }
        }
        return result;
    }

    /** The UIDs the object's ownerReferences name. */
    static List<String> ownerUids(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs.stream().map(OwnerReference::getUid).toList();
    }
}
