package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.kybern.client.Matching;

/**
 * Owner references as the controllers use them: who controls an object, the reference to a controller,
 * and what an owner claims by its selector.
 */
final class Owners {

    private Owners() {
    }

    /** The object's controller reference (the owner reference with {@code controller: true}), or null. */
    static OwnerReference controllerOf(HasMetadata object) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return object.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                .findFirst().orElse(null);
    }

    /** Whether {@code owner} is the controller of {@code object}. */
    static boolean controlledBy(HasMetadata object, HasMetadata owner) {
        OwnerReference ref = controllerOf(object);
        return ref != null && ref.getUid().equals(owner.getMetadata().getUid());
    }

    /** The controller reference to put on an object {@code owner} makes; it blocks the owner's foreground deletion. */
    static OwnerReference reference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }

    /**
     * What an owner claims of the objects in its namespace, as Kubernetes' ClaimObjects.
     *
     * @param owned   its own that match its selector, with the adopted ones
     * @param adopt   orphans that match (not being deleted): to take
     * @param release its own that stopped matching: to let go
     */
    record Claim<T>(List<T> owned, List<T> adopt, List<T> release) {
    }

    /** Sorts {@code objects} for {@code owner} by {@code selector}; an owner being deleted neither adopts nor releases. */
    static <T extends HasMetadata> Claim<T> claim(HasMetadata owner, LabelSelector selector, List<T> objects) {
        boolean deleting = owner.getMetadata().getDeletionTimestamp() != null;
        Claim<T> claim = new Claim<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (T object : objects) {
            boolean matches = Matching.matches(selector, object.getMetadata().getLabels());
            OwnerReference controller = controllerOf(object);
            if (controller != null) {
                if (!controller.getUid().equals(owner.getMetadata().getUid())) {
                    continue;
                }
                if (matches) {
                    claim.owned().add(object);
                } else if (!deleting) {
                    claim.release().add(object);
                }
            } else if (matches && !deleting && object.getMetadata().getDeletionTimestamp() == null) {
                claim.adopt().add(object);
                claim.owned().add(object);
            }
        }
        return claim;
    }
}
