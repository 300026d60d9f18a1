package org.kybern.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;

/** Table-driven: Services and EndpointSlices in, the service ports kube-proxy would program out. */
class ProxyStatesTest {

    /** One row: the objects, and the service ports expected from them. */
    record Case(String name, List<Service> services, List<EndpointSlice> slices, List<ServicePort> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a ClusterIP service with one ready endpoint",
                        List.of(service("web", "10.96.1.1", "ClusterIP", port("http", "TCP", 80, null))),
                        List.of(slice("web-abc", "web", ports(port("http", "TCP", 8080)), ep("172.17.0.2", true))),
                        List.of(sp("web", "http", "TCP", "10.96.1.1", 80, 0, 0, e("172.17.0.2", 8080)))),
                new Case("headless, ExternalName, IPv6 and a missing ClusterIP are not proxied",
                        List.of(service("headless", "None", "ClusterIP", port("", "TCP", 80, null)),
                                service("external", null, "ExternalName", port("", "TCP", 80, null)),
                                service("six", "fd00::1", "ClusterIP", port("", "TCP", 80, null)),
                                service("pending", "", "ClusterIP", port("", "TCP", 80, null))),
                        List.of(slice("headless-1", "headless", ports(port("", "TCP", 80)), ep("172.17.0.2", true))),
                        List.of()),
                new Case("SCTP ports are skipped, UDP and TCP kept, one service port each",
                        List.of(service("dns", "10.96.0.10", "ClusterIP", port("dns", "UDP", 53, null),
                                port("dns-tcp", "TCP", 53, null), port("sctp", "SCTP", 9, null))),
                        List.of(slice("dns-1", "dns", ports(port("dns", "UDP", 5353), port("dns-tcp", "TCP", 5353)),
                                ep("169.254.20.10", true))),
                        List.of(sp("dns", "dns", "UDP", "10.96.0.10", 53, 0, 0, e("169.254.20.10", 5353)),
                                sp("dns", "dns-tcp", "TCP", "10.96.0.10", 53, 0, 0, e("169.254.20.10", 5353)))),
                new Case("endpoints not ready are left out, ready null counts as ready",
                        List.of(service("web", "10.96.1.1", "ClusterIP", port("", "TCP", 80, null))),
                        List.of(slice("web-1", "web", ports(port("", "TCP", 8080)), ep("172.17.0.3", false),
                                ep("172.17.0.4", null), ep("172.17.0.2", true))),
                        List.of(sp("web", "", "TCP", "10.96.1.1", 80, 0, 0, e("172.17.0.2", 8080), e("172.17.0.4", 8080)))),
                new Case("a service without slices has no endpoints (refused, not black-holed)",
                        List.of(service("lonely", "10.96.1.2", "ClusterIP", port("", "TCP", 80, null))),
                        List.of(),
                        List.of(sp("lonely", "", "TCP", "10.96.1.2", 80, 0, 0))),
                new Case("endpoints of two slices are deduplicated and ordered numerically by address then port",
                        List.of(service("web", "10.96.1.1", "ClusterIP", port("", "TCP", 80, null))),
                        List.of(slice("web-b", "web", ports(port("", "TCP", 8080)), ep("172.17.0.10", true),
                                        ep("172.17.0.9", true)),
                                slice("web-a", "web", ports(port("", "TCP", 8080)), ep("172.17.0.10", true)),
                                slice("web-c", "web", ports(port("", "TCP", 7070)), ep("172.17.0.9", true))),
                        List.of(sp("web", "", "TCP", "10.96.1.1", 80, 0, 0, e("172.17.0.9", 7070), e("172.17.0.9", 8080),
                                e("172.17.0.10", 8080)))),
                new Case("slice ports match by name and protocol; the slice carries the resolved number",
                        List.of(service("two", "10.96.1.3", "ClusterIP", port("a", "TCP", 80, null),
                                port("b", "TCP", 81, null))),
                        List.of(slice("two-1", "two", ports(port("b", "TCP", 9091), port("a", "UDP", 1)),
                                ep("172.17.0.5", true))),
                        List.of(sp("two", "a", "TCP", "10.96.1.3", 80, 0, 0),
                                sp("two", "b", "TCP", "10.96.1.3", 81, 0, 0, e("172.17.0.5", 9091)))),
                new Case("slices of other services, other namespaces and of IPv6 are ignored",
                        List.of(service("web", "10.96.1.1", "ClusterIP", port("", "TCP", 80, null))),
                        List.of(slice("other-1", "other", ports(port("", "TCP", 80)), ep("172.17.0.6", true)),
                                inNamespace("elsewhere", slice("web-x", "web", ports(port("", "TCP", 80)),
                                        ep("172.17.0.7", true))),
                                ipv6(slice("web-6", "web", ports(port("", "TCP", 80)), ep("fd00::7", true)))),
                        List.of(sp("web", "", "TCP", "10.96.1.1", 80, 0, 0))),
                new Case("NodePort and LoadBalancer services carry their node ports, ClusterIP ones do not",
                        List.of(service("np", "10.96.2.1", "NodePort", port("", "TCP", 80, 30080)),
                                service("lb", "10.96.2.2", "LoadBalancer", port("", "TCP", 80, 30081)),
                                service("ci", "10.96.2.3", "ClusterIP", port("", "TCP", 80, 30082))),
                        List.of(),
                        List.of(sp("ci", "", "TCP", "10.96.2.3", 80, 0, 0), sp("lb", "", "TCP", "10.96.2.2", 80, 30081, 0),
                                sp("np", "", "TCP", "10.96.2.1", 80, 30080, 0))),
                new Case("sessionAffinity ClientIP: its timeout, or Kubernetes' 10800 s by default",
                        List.of(affinity(service("sticky", "10.96.3.1", "ClusterIP", port("", "TCP", 80, null)), 60),
                                affinity(service("default", "10.96.3.2", "ClusterIP", port("", "TCP", 80, null)), null)),
                        List.of(),
                        List.of(sp("default", "", "TCP", "10.96.3.2", 80, 0, 10800),
                                sp("sticky", "", "TCP", "10.96.3.1", 80, 0, 60))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void servicePorts(Case c) {
        ProxyState state = ProxyStates.compute(c.services(), c.slices(), List.of());
        assertEquals(c.expected(), state.servicePorts());
    }

    @Test
    void nodeAddressesAreLoopbackThenTheNodesIPv4InternalIPsOnce() {
        var node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
                .addNewAddress().withType("Hostname").withAddress("n1").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("192.168.5.4").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("fd00::4").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .addNewAddress().withType("ExternalIP").withAddress("203.0.113.9").endAddress()
                .endStatus().build();
        ProxyState state = ProxyStates.compute(List.of(), List.of(), ProxyStates.internalIPs(node));
        assertEquals(List.of("127.0.0.1", "192.168.5.4"), state.nodeAddresses());
        assertEquals(List.of("127.0.0.1"), ProxyStates.compute(List.of(), List.of(),
                ProxyStates.internalIPs(null)).nodeAddresses());
    }

    @Test
    void anEndpointsPodAndNodeAreKept() {
        EndpointSlice slice = slice("web-1", "web", ports(port("", "TCP", 8080)), new EndpointBuilder()
                .withAddresses("172.17.0.2").withNodeName("n1").withNewTargetRef().withKind("Pod").withName("web-7")
                .endTargetRef().build());
        ServicePort port = ProxyStates.compute(List.of(service("web", "10.96.1.1", "ClusterIP",
                port("", "TCP", 80, null))), List.of(slice), List.of()).servicePorts().get(0);
        assertEquals(List.of(new ServicePort.Endpoint("172.17.0.2", 8080, "n1", "web-7")), port.endpoints());
    }

    // ---- builders ----

    private static Service service(String name, String clusterIP, String type,
            io.fabric8.kubernetes.api.model.ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName(name).endMetadata().withNewSpec()
                .withClusterIP(clusterIP).withType(type).withPorts(ports).endSpec().build();
    }

    private static Service affinity(Service service, Integer timeout) {
        var spec = new ServiceBuilder(service).editSpec().withSessionAffinity("ClientIP");
        return (timeout == null ? spec : spec.withNewSessionAffinityConfig().withNewClientIP()
                .withTimeoutSeconds(timeout).endClientIP().endSessionAffinityConfig()).endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort port(String name, String protocol, int port, Integer nodePort) {
        return new ServicePortBuilder().withName(name.isEmpty() ? null : name).withProtocol(protocol).withPort(port)
                .withNodePort(nodePort).build();
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort port(String name, String protocol, int port) {
        return new EndpointPortBuilder().withName(name).withProtocol(protocol).withPort(port).build();
    }

    private static List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports(
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort... ports) {
        return Arrays.asList(ports);
    }

    private static Endpoint ep(String ip, Boolean ready) {
        return new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready).endConditions().build();
    }

    private static EndpointSlice slice(String name, String service,
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName(name)
                .addToLabels(ProxyStates.SERVICE_NAME_LABEL, service).endMetadata().withAddressType("IPv4")
                .withPorts(ports).withEndpoints(endpoints).build();
    }

    private static EndpointSlice inNamespace(String namespace, EndpointSlice slice) {
        return new EndpointSliceBuilder(slice).editMetadata().withNamespace(namespace).endMetadata().build();
    }

    private static EndpointSlice ipv6(EndpointSlice slice) {
        return new EndpointSliceBuilder(slice).withAddressType("IPv6").build();
    }

    private static ServicePort sp(String service, String portName, String protocol, String clusterIP, int port,
            int nodePort, int affinity, ServicePort.Endpoint... endpoints) {
        return new ServicePort("ns", service, portName, protocol, clusterIP, port, nodePort, affinity,
                List.of(endpoints));
    }

    private static ServicePort.Endpoint e(String ip, int port) {
        return new ServicePort.Endpoint(ip, port, "", "");
    }
}
