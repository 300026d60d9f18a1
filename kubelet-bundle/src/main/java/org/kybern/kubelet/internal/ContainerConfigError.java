package org.kybern.kubelet.internal;

/**
 * A container cannot be configured (a missing ConfigMap, Secret or key, a bad reference):
 * Kubernetes' {@code CreateContainerConfigError}. The message is shown in the container's status.
 */
final class ContainerConfigError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ContainerConfigError(String message) {
        super(message);
    }
}
