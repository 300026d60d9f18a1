package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.controller.internal.Fixtures.notReady;
import static org.kybern.controller.internal.Fixtures.pod;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the endpoints and endpointslice controllers write for a Service, table by table: Service and pods in, addresses out. */
class EndpointsSyncTest {

    /** Service web selecting app=web: port http 80 → targetPort "web-http" (named), port metrics 9090 → 9090. */
    static final Service SERVICE = new ServiceBuilder().withNewMetadata().withNamespace("shop").withName("web")
            .withUid("svc-web").addToLabels("team", "a").endMetadata().withNewSpec().addToSelector("app", "web")
            .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("web-http")).endPort()
            .addNewPort().withName("metrics").withPort(9090).endPort().endSpec().build();

    /** A pod of {@link Fixtures#pod} with IP {@code ip} whose container names port web-http {@code port}. */
    static PodBuilder member(String name, String ip, int port) {
        return pod(name, null).editStatus().withPodIP(ip).endStatus().editSpec().addNewContainer().withName("web")
                .addNewPort().withName("web-http").withContainerPort(port).endPort().endContainer().endSpec();
    }

    private static String describe(Endpoints endpoints) {
        return endpoints.getSubsets().stream().map(EndpointsSyncTest::describe).collect(Collectors.joining(" | "));
    }

    /** e.g. {@code ready=[10.0.0.1] notReady=[] ports=[http:8080, metrics:9090]} */
    private static String describe(EndpointSubset subset) {
        return "ready=" + ips(subset.getAddresses()) + " notReady=" + ips(subset.getNotReadyAddresses()) + " ports="
                + subset.getPorts().stream().map(p -> p.getName() + ":" + p.getPort()).toList();
    }

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses.stream().map(EndpointAddress::getIp).toList();
    }

    static Stream<Arguments> endpoints() {
        Pod a = member("a", "10.0.0.1", 8080).build();
        Pod b = member("b", "10.0.0.2", 8080).build();
        Pod slow = notReady(member("slow", "10.0.0.3", 8080)).build();
        Pod noIp = pod("no-ip", null).build();
        Pod other = member("other", "10.0.0.9", 8080).editMetadata().withLabels(java.util.Map.of("app", "db"))
                .endMetadata().build();
        Pod going = member("going", "10.0.0.4", 8080).editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z")
                .endMetadata().build();
        Pod done = Fixtures.phase(member("done", "10.0.0.5", 8080), "Succeeded").build();
        Pod moved = member("moved", "10.0.0.6", 8081).build();
        Pod unnamed = pod("unnamed", null).editStatus().withPodIP("10.0.0.7").endStatus().build();
        return Stream.of(
                Arguments.of("no pods: no subsets", List.of(), ""),
                Arguments.of("ready pods: addresses, the named port resolved", List.of(b, a),
                        "ready=[10.0.0.1, 10.0.0.2] notReady=[] ports=[http:8080, metrics:9090]"),
                Arguments.of("a pod not ready: notReadyAddresses", List.of(a, slow),
                        "ready=[10.0.0.1] notReady=[10.0.0.3] ports=[http:8080, metrics:9090]"),
                Arguments.of("without IP, other labels, terminating, finished: left out",
                        List.of(a, noIp, other, going, done),
                        "ready=[10.0.0.1] notReady=[] ports=[http:8080, metrics:9090]"),
                Arguments.of("another container port behind the name: its own subset", List.of(a, moved),
                        "ready=[10.0.0.1] notReady=[] ports=[http:8080, metrics:9090]"
                                + " | ready=[10.0.0.6] notReady=[] ports=[http:8081, metrics:9090]"),
                Arguments.of("a pod without the named port gets only the numeric one", List.of(unnamed),
                        "ready=[10.0.0.7] notReady=[] ports=[metrics:9090]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void endpointsListReadyAndNotReadyAddresses(String name, List<Pod> pods, String expected) {
        Endpoints endpoints = EndpointsSync.endpoints(SERVICE, pods);
        assertEquals("web", endpoints.getMetadata().getName());
        assertEquals(expected, describe(endpoints));
    }

    @Test
    void addressesCarryNodeNameAndTargetRef() {
        EndpointAddress address = EndpointsSync.endpoints(SERVICE, List.of(member("a", "10.0.0.1", 8080).build()))
                .getSubsets().get(0).getAddresses().get(0);
        assertEquals("n1", address.getNodeName());
        assertEquals(List.of("Pod", "shop", "a", "uid-a"), List.of(address.getTargetRef().getKind(),
                address.getTargetRef().getNamespace(), address.getTargetRef().getName(), address.getTargetRef().getUid()));
    }

    static Stream<Arguments> slices() {
        Pod a = member("a", "10.0.0.1", 8080).build();
        Pod slow = notReady(member("slow", "10.0.0.3", 8080)).build();
        Pod going = member("going", "10.0.0.4", 8080).editMetadata().withDeletionTimestamp("2026-12-05T07:59:00Z")
                .endMetadata().build();
        return Stream.of(
                Arguments.of("no pods: one empty placeholder slice", List.of(), List.of("web-0 ports=[] endpoints=[]")),
                Arguments.of("ready, not ready, terminating: conditions ready/serving/terminating", List.of(a, slow, going),
                        List.of("web-0 ports=[http:8080, metrics:9090] endpoints=[10.0.0.1 n1 true/true/false,"
                                + " 10.0.0.4 n1 false/true/true, 10.0.0.3 n1 false/false/false]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slices")
    void slicesHoldOneEndpointPerPod(String name, List<Pod> pods, List<String> expected) {
        List<EndpointSlice> slices = EndpointsSync.slices(SERVICE, pods);
        assertEquals(expected, slices.stream().map(EndpointsSyncTest::describe).toList());
        for (EndpointSlice slice : slices) {
            assertEquals("IPv4", slice.getAddressType());
            assertEquals("web", slice.getMetadata().getLabels().get("kubernetes.io/service-name"));
            assertEquals("endpointslice-controller.k8s.io",
                    slice.getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"));
            assertEquals("a", slice.getMetadata().getLabels().get("team"), "the Service's labels are copied");
            assertEquals("svc-web", Owners.controllerOf(slice).getUid());
        }
    }

    private static String describe(EndpointSlice slice) {
        return slice.getMetadata().getName() + " ports=" + slice.getPorts().stream().map(p -> p.getName() + ":" + p.getPort())
                .toList() + " endpoints=" + slice.getEndpoints().stream().map(EndpointsSyncTest::describe).toList();
    }

    private static String describe(Endpoint e) {
        return String.join(",", e.getAddresses()) + " " + e.getNodeName() + " " + e.getConditions().getReady() + "/"
                + e.getConditions().getServing() + "/" + e.getConditions().getTerminating();
    }

    @Test
    void aServiceWithoutSelectorIsNotManaged() {
        assertEquals(false, EndpointsSync.selects(new ServiceBuilder(SERVICE).editSpec().withSelector(null).endSpec()
                .build()));
        assertEquals(true, EndpointsSync.selects(SERVICE));
    }
}
