package org.kybern.api.proxy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The proxy's desired state on one node.
 *
 * @param servicePorts  every proxied service port (headless services and services of other types
 *                      without a ClusterIP are not here), ordered by key
 * @param nodeAddresses the IPv4 addresses NodePorts answer on: 127.0.0.1 and the node's own
 *                      InternalIP addresses
 */
public record ProxyState(List<ServicePort> servicePorts, List<String> nodeAddresses) {

    public ProxyState {
        servicePorts = List.copyOf(servicePorts);
        nodeAddresses = List.copyOf(nodeAddresses);
    }

    /** An empty state: nothing proxied. */
    public static ProxyState empty(List<String> nodeAddresses) {
        return new ProxyState(List.of(), nodeAddresses);
    }

    /** The service ports by {@link ServicePort#key()}. */
    public Map<String, ServicePort> byKey() {
        return servicePorts.stream().collect(Collectors.toMap(ServicePort::key, Function.identity()));
    }
}
