package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoints and endpointslice controllers on the running distribution: two pods in Docker behind a
 * Service with a named targetPort and a readiness probe; the Endpoints and the EndpointSlice list their
 * IPs with target refs, node names and the resolved port; a pod failing its readiness probe moves to
 * {@code notReadyAddresses} and its slice endpoint to ready=false; deleting the Service removes both.
 */
@ExtendWith(SharedCluster.class)
class EndpointsIT {

    private static final String NS = "endpoints-it";
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: %s, labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: kybern/busybox:1
                command: [sh, -c, 'touch /tmp/ready; trap "exit 0" TERM; while :; do sleep 1 & wait $!; done']
                ports:
                - {name: web-http, containerPort: 8080}
                readinessProbe:
                  exec: {command: [cat, /tmp/ready]}
                  periodSeconds: 1
                  failureThreshold: 1
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: web-http}
            """;

    private static KybernCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        Pods.createNamespace(client, NS);
        PodsIT.awaitNodeReady(client, cluster.nodeName());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (client == null) {
            return;
        }
        client.services().inNamespace(NS).withName("web").delete();
        cluster.kubectl("delete", "pods", "--all", "-n", NS, "--wait=true", "--timeout=60s");
        client.namespaces().withName(NS).delete();
        client.close();
    }

    @Test
    void endpointsFollowThePodsAndTheirReadiness() throws Exception {
        String node = cluster.nodeName();
        for (String name : List.of("web-a", "web-b")) {
            client.pods().inNamespace(NS).load(stream(POD.formatted(name))).create();
        }
        Service service = client.services().inNamespace(NS).load(stream(SERVICE)).create();
        List<Pod> pods = List.of(Pods.await(client, NS, "web-a", SETTLE, "Ready", Pods::ready),
                Pods.await(client, NS, "web-b", SETTLE, "Ready", Pods::ready));
        Map<String, String> ips = new TreeMap<>();
        pods.forEach(p -> ips.put(p.getStatus().getPodIP(), p.getMetadata().getName()));

        Endpoints endpoints = awaitEndpoints(ips.keySet().stream().toList(), List.of());
        EndpointSubset subset = endpoints.getSubsets().get(0);
        EndpointPort port = subset.getPorts().get(0);
        assertEquals(List.of("http", 8080, "TCP"), List.of(port.getName(), port.getPort(), port.getProtocol()),
                "the named targetPort resolved from the pods' container port");
        for (EndpointAddress address : subset.getAddresses()) {
            Pod pod = pods.stream().filter(p -> p.getStatus().getPodIP().equals(address.getIp())).findFirst().orElseThrow();
            assertEquals(node, address.getNodeName());
            assertEquals(List.of("Pod", NS, pod.getMetadata().getName(), pod.getMetadata().getUid()),
                    List.of(address.getTargetRef().getKind(), address.getTargetRef().getNamespace(),
                            address.getTargetRef().getName(), address.getTargetRef().getUid()));
        }
        EndpointSlice slice = awaitSlice(ips.keySet().stream().collect(Collectors.toMap(ip -> ip, ip -> true, (a, b) -> a,
                TreeMap::new)));
        assertEquals("IPv4", slice.getAddressType());
        assertEquals("endpointslice-controller.k8s.io",
                slice.getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"));
        assertEquals(service.getMetadata().getUid(), slice.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(List.of("http", 8080), List.of(slice.getPorts().get(0).getName(), slice.getPorts().get(0).getPort()));
        for (Endpoint e : slice.getEndpoints()) {
            assertEquals(node, e.getNodeName());
            assertEquals(ips.get(e.getAddresses().get(0)), e.getTargetRef().getName());
        }

        // web-b fails its readiness probe from now on.
        Pod b = pods.get(1);
        Docker.run("exec", Docker.id(b.getStatus().getContainerStatuses().get(0).getContainerID()), "rm", "/tmp/ready");
        String ipA = pods.get(0).getStatus().getPodIP();
        String ipB = b.getStatus().getPodIP();
        awaitEndpoints(List.of(ipA), List.of(ipB));
        awaitSlice(new TreeMap<>(Map.of(ipA, true, ipB, false)));

        client.services().inNamespace(NS).withName("web").delete();
        Await.until(SETTLE, "Endpoints and EndpointSlices gone with the Service",
                () -> client.endpoints().inNamespace(NS).withName("web").get() == null && slices().isEmpty(), gone -> gone);
    }

    private static ByteArrayInputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until Endpoints web has one subset with exactly these ready and not-ready IPs. */
    private static Endpoints awaitEndpoints(List<String> ready, List<String> notReady) throws InterruptedException {
        return Await.until(SETTLE, "Endpoints ready=" + ready + " notReady=" + notReady,
                () -> client.endpoints().inNamespace(NS).withName("web").get(),
                e -> e != null && e.getSubsets().size() == 1
                        && ips(e.getSubsets().get(0).getAddresses()).equals(ready)
                        && ips(e.getSubsets().get(0).getNotReadyAddresses()).equals(notReady));
    }

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses.stream().map(EndpointAddress::getIp).sorted().toList();
    }

    /** Waits until the Service's one slice has exactly these IPs with these ready conditions. */
    private static EndpointSlice awaitSlice(TreeMap<String, Boolean> ready) throws InterruptedException {
        return Await.until(SETTLE, "one EndpointSlice with " + ready, EndpointsIT::slices,
                s -> s.size() == 1 && ready.equals(s.get(0).getEndpoints().stream().collect(Collectors.toMap(
                        e -> e.getAddresses().get(0), e -> e.getConditions().getReady(), (x, y) -> x, TreeMap::new))))
                .get(0);
    }

    private static List<EndpointSlice> slices() {
        return client.discovery().v1().endpointSlices().inNamespace(NS).withLabel("kubernetes.io/service-name", "web")
                .list().getItems();
    }
}
