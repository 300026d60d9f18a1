package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Collection;
import java.util.List;

/**
 * What Kubernetes' service-account controller decides, as a pure function: which of the
 * ServiceAccounts every namespace has ({@code default}) a namespace lacks; none for a namespace
 * being deleted.
 */
final class ServiceAccounts {

    /** Kubernetes' default for the controller's {@code ServiceAccounts} option. */
    static final List<String> ENSURED = List.of("default");

    private ServiceAccounts() {
    }

    /** The names to create in {@code namespace}, which holds ServiceAccounts named {@code existing}. */
    static List<String> missing(Namespace namespace, Collection<String> existing) {
        boolean active = namespace.getMetadata().getDeletionTimestamp() == null && (namespace.getStatus() == null
                || namespace.getStatus().getPhase() == null || "Active".equals(namespace.getStatus().getPhase()));
        return active ? ENSURED.stream().filter(n -> !existing.contains(n)).toList() : List.of();
    }
}
