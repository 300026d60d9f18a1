package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Writes the controllers make to objects they own (pods, a Deployment's ReplicaSets): adoption and
 * release through the owner references.
 */
final class Pods {

    private Pods() {
    }

    /** Makes {@code owner} the object's controller, unless it has one by now (or is gone). */
    static <T extends HasMetadata> void adopt(KubernetesClient client, T object, HasMetadata owner) {
        edit(client, object, p -> {
            if (Owners.controllerOf(p) == null) {
                if (p.getMetadata().getOwnerReferences() == null) {
                    p.getMetadata().setOwnerReferences(new ArrayList<>());
                }
                p.getMetadata().getOwnerReferences().add(Owners.reference(owner));
            }
        });
    }

    /** Removes {@code owner}'s reference from the object (if it is still there). */
    static <T extends HasMetadata> void release(KubernetesClient client, T object, HasMetadata owner) {
        edit(client, object, p -> {
            if (p.getMetadata().getOwnerReferences() != null) {
                p.getMetadata().getOwnerReferences().removeIf(r -> r.getUid().equals(owner.getMetadata().getUid()));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> void edit(KubernetesClient client, T object, Consumer<T> change) {
        try {
            client.resources((Class<T>) object.getClass()).inNamespace(object.getMetadata().getNamespace())
                    .withName(object.getMetadata().getName()).edit(p -> {
                        change.accept(p);
                        return p;
                    });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** The API server's message for a refused write (the exception's own message for a failure of another kind). */
    static String reason(RuntimeException e) {
        return e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage() : e.getMessage();
    }
}
