package org.kybern.proxy.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * The proxy's desired state as a pure function of Services, EndpointSlices and the node's addresses,
 * with kube-proxy's semantics: every port of every IPv4 ClusterIP Service, with the ready endpoints of
 * the Service's slices.
 */
final class ProxyStates {

    /** The label naming an EndpointSlice's Service. */
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** Kubernetes' default {@code sessionAffinityConfig.clientIP.timeoutSeconds}: three hours. */
    static final int DEFAULT_AFFINITY_SECONDS = 10800;
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP");
    private static final Set<String> NODE_PORT_TYPES = Set.of("NodePort", "LoadBalancer");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

    private ProxyStates() {
    }

    /** The state for {@code services} and {@code slices} on a node with these InternalIP addresses. */
    static ProxyState compute(Collection<Service> services, Collection<EndpointSlice> slices,
            Collection<String> nodeInternalIPs) {
        Map<String, List<EndpointSlice>> slicesByService = new LinkedHashMap<>();
        slices.stream().filter(s -> "IPv4".equals(s.getAddressType()))
                .sorted(Comparator.comparing((EndpointSlice s) -> s.getMetadata().getName()))
                .forEach(s -> {
                    String service = s.getMetadata().getLabels() == null ? null
                            : s.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
                    if (service != null) {
                        slicesByService.computeIfAbsent(s.getMetadata().getNamespace() + "/" + service,
                                k -> new ArrayList<>()).add(s);
                    }
                });
        List<ServicePort> ports = new ArrayList<>();
        for (Service service : services) {
            if (!proxied(service)) {
                continue;
            }
            String namespace = service.getMetadata().getNamespace();
            String name = service.getMetadata().getName();
            List<EndpointSlice> own = slicesByService.getOrDefault(namespace + "/" + name, List.of());
            ServiceSpec spec = service.getSpec();
            int affinity = affinitySeconds(spec);
            boolean nodePorts = NODE_PORT_TYPES.contains(spec.getType());
            for (io.fabric8.kubernetes.api.model.ServicePort port : spec.getPorts()) {
                String protocol = protocol(port.getProtocol());
                if (!PROTOCOLS.contains(protocol) || port.getPort() == null) {
                    continue;
                }
                String portName = port.getName() == null ? "" : port.getName();
                int nodePort = nodePorts && port.getNodePort() != null ? port.getNodePort() : 0;
                ports.add(new ServicePort(namespace, name, portName, protocol, spec.getClusterIP(), port.getPort(),
                        nodePort, affinity, endpoints(own, portName, protocol)));
            }
        }
        ports.sort(Comparator.comparing(ServicePort::key));
        return new ProxyState(ports, nodeAddresses(nodeInternalIPs));
    }

    /** The IPv4 InternalIP addresses of {@code node} (none for a missing node). */
    static List<String> internalIPs(Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return List.of();
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).filter(ProxyStates::isIPv4).toList();
    }

    /** Services kube-proxy programs: a ClusterIP that is an IPv4 address, and not of type ExternalName. */
    private static boolean proxied(Service service) {
        ServiceSpec spec = service.getSpec();
        return spec != null && !"ExternalName".equals(spec.getType()) && isIPv4(spec.getClusterIP())
                && spec.getPorts() != null;
    }

    private static int affinitySeconds(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        var config = spec.getSessionAffinityConfig();
        Integer timeout = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
        return timeout == null || timeout <= 0 ? DEFAULT_AFFINITY_SECONDS : timeout;
    }

    /**
     * The ready endpoints of the slice port with this name and protocol, first address of each
     * endpoint (as kube-proxy), deduplicated across slices and ordered by address then port.
     */
    private static List<Endpoint> endpoints(List<EndpointSlice> slices, String portName, String protocol) {
        Map<String, Endpoint> unique = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            if (slice.getPorts() == null || slice.getEndpoints() == null) {
                continue;
            }
            for (EndpointPort port : slice.getPorts()) {
                String name = port.getName() == null ? "" : port.getName();
                if (!name.equals(portName) || !protocol.equals(protocol(port.getProtocol())) || port.getPort() == null) {
                    continue;
                }
                for (var endpoint : slice.getEndpoints()) {
                    boolean ready = endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                            || endpoint.getConditions().getReady();
                    if (!ready || endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()
                            || !isIPv4(endpoint.getAddresses().get(0))) {
                        continue;
                    }
                    ObjectReference target = endpoint.getTargetRef();
                    String pod = target != null && "Pod".equals(target.getKind()) ? target.getName() : "";
                    Endpoint e = new Endpoint(endpoint.getAddresses().get(0), port.getPort(), endpoint.getNodeName(), pod);
                    unique.putIfAbsent(e.toString(), e);
                }
            }
        }
        List<Endpoint> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparingLong((Endpoint e) -> ipv4Number(e.ip())).thenComparingInt(Endpoint::port));
        return sorted;
    }

    private static List<String> nodeAddresses(Collection<String> internalIPs) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add("127.0.0.1");
        internalIPs.stream().filter(Objects::nonNull).filter(ProxyStates::isIPv4).forEach(addresses::add);
        return List.copyOf(addresses);
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }

    /** Whether {@code text} is a dotted-quad IPv4 address (no leading zeros, as Kubernetes validates). */
    static boolean isIPv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /** The IPv4 address {@code ip} as an unsigned number, for ordering. */
    private static long ipv4Number(String ip) {
        return Arrays.stream(ip.split("\\.")).mapToLong(Long::parseLong).reduce(0, (a, b) -> a * 256 + b);
    }
}
