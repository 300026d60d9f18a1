package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.function.Consumer;

/** Writes the controllers make to pods they own: adoption and release through the owner references. */
final class Pods {

    private Pods() {
    }

    /** Makes {@code owner} the pod's controller, unless it has one by now (or is gone). */
    static void adopt(KubernetesClient client, Pod pod, HasMetadata owner) {
        edit(client, pod, p -> {
            if (Owners.controllerOf(p) == null) {
                if (p.getMetadata().getOwnerReferences() == null) {
                    p.getMetadata().setOwnerReferences(new ArrayList<>());
                }
                p.getMetadata().getOwnerReferences().add(Owners.reference(owner));
            }
        });
    }

    /** Removes {@code owner}'s reference from the pod (if it is still there). */
    static void release(KubernetesClient client, Pod pod, HasMetadata owner) {
        edit(client, pod, p -> {
            if (p.getMetadata().getOwnerReferences() != null) {
                p.getMetadata().getOwnerReferences().removeIf(r -> r.getUid().equals(owner.getMetadata().getUid()));
            }
        });
    }

    private static void edit(KubernetesClient client, Pod pod, Consumer<Pod> change) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                change.accept(p);
                return p;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** The API server's message for a refused write. */
    static String reason(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
