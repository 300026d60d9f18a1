package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references as the controllers use them: who controls an object, and the reference to a controller. */
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
}
