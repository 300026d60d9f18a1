package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import org.kybern.api.runtime.ContainerRuntime;

/**
 * What every part of one kubelet shares: its node, its API client, its runtime.
 *
 * @param nodeName    the Node's name
 * @param clusterId   the cluster's identity (the UID of {@code kube-system}), a label of everything the kubelet makes
 * @param hostIP      the Node's InternalIP (pods' hostIP)
 * @param client      the API client acting as this node
 * @param runtime     the container runtime
 * @param podsDir     {@code <dataDir>/<node>/pods}: one directory per pod UID
 * @param allocatable the Node's allocatable resources
 * @param events      where the kubelet reports what it did to a pod
 * @param dns         how pods resolve names
 */
record NodeContext(String nodeName, String clusterId, String hostIP, KubernetesClient client, ContainerRuntime runtime, Path podsDir,
        Map<String, Quantity> allocatable, PodEvents events, PodDns dns) {

    /** The kubelet's own label on everything it makes: which cluster's node made it. */
    static final String CLUSTER_LABEL = "io.kybern.cluster.uid";

    /** The labels that select what this kubelet made: its node, in its cluster. */
    Map<String, String> nodeSelector() {
        return Map.of(org.kybern.api.runtime.RuntimeLabels.NODE_NAME, nodeName, CLUSTER_LABEL, clusterId);
    }
}
