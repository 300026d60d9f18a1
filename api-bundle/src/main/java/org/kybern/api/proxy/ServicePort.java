package org.kybern.api.proxy;

import java.util.List;

/**
 * One port of a Service, as a backend must program it.
 *
 * @param namespace          the Service's namespace
 * @param service            the Service's name
 * @param portName           the port's name; empty for a Service's single unnamed port
 * @param protocol           {@code TCP} or {@code UDP}
 * @param clusterIP          the Service's IPv4 ClusterIP
 * @param port               the port on the ClusterIP
 * @param nodePort           the NodePort, or 0 when the Service has none
 * @param affinityTimeoutSeconds for {@code sessionAffinity: ClientIP} how long a client IP sticks to
 *                           its endpoint (Kubernetes' default 10800); 0 without session affinity
 * @param endpoints          the ready endpoints, ordered by IP then port; empty means connections
 *                           are refused
 */
public record ServicePort(String namespace, String service, String portName, String protocol,
        String clusterIP, int port, int nodePort, int affinityTimeoutSeconds, List<Endpoint> endpoints) {

    public ServicePort {
        portName = portName == null ? "" : portName;
        endpoints = List.copyOf(endpoints);
    }

    /** {@code namespace/service:portName} (Kubernetes' ServicePortName), unique on a node. */
    public String key() {
        return namespace + "/" + service + ":" + portName;
    }

    /** Whether clients stick to one endpoint ({@code sessionAffinity: ClientIP}). */
    public boolean clientIpAffinity() {
        return affinityTimeoutSeconds > 0;
    }

    /**
     * One ready endpoint of a service port.
     *
     * @param ip       the pod's IPv4 address (or another address the EndpointSlice names)
     * @param port     the target port on it
     * @param nodeName the node the endpoint runs on, or empty when unknown
     * @param podName  the pod behind it, or empty
     */
    public record Endpoint(String ip, int port, String nodeName, String podName) {

        public Endpoint {
            nodeName = nodeName == null ? "" : nodeName;
            podName = podName == null ? "" : podName;
        }

        /** {@code ip:port}. */
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }
}
