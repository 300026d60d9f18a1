package org.kybern.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.osgi.annotation.versioning.ProviderType;

/**
 * fabric8 Kubernetes clients for this cluster's API server, one per user, each authenticated with
 * that user's token from the cluster's static token file.
 *
 * <p>The service owns the clients: a caller uses the one it is handed for as long as it holds this
 * service and never closes it. When the service goes away (configuration change, bundle stop) every
 * client it handed out is closed, together with its watches, informers and threads; Declarative
 * Services deactivates the components that reference this service first.
 */
@ProviderType
public interface ClusterClients {

    /** The cluster administrator (the user {@code ./kybern up} gives kubectl). */
    String ADMIN = "kybern-admin";
    /** The user the scheduler acts as, as in Kubernetes. */
    String SCHEDULER = "system:kube-scheduler";
    /** The user the controllers act as, as in Kubernetes. */
    String CONTROLLER_MANAGER = "system:kube-controller-manager";
    /** The user the service proxy acts as, as in Kubernetes. */
    String PROXY = "system:kube-proxy";

    /** The user the kubelet of node {@code nodeName} acts as: {@code system:node:<nodeName>}. */
    static String node(String nodeName) {
        return "system:node:" + nodeName;
    }

    /**
     * The client acting as {@code user}; the same instance on every call for the same user.
     *
     * @throws IllegalStateException if the API server needs a token (HTTPS) and the token file has
     *                               none for {@code user}, or the service has been deactivated
     */
    KubernetesClient forUser(String user);
}
