package org.kybern.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.client.ClusterClients;

/**
 * The component without OSGi, with real fabric8 informers against a fake API server: it syncs only
 * once every list is in, follows watch events, and switches backends on a mode change without
 * listing again.
 */
class ServiceProxyTest {

    private static final String SERVICES = "/api/v1/services";
    private static final String SLICES = "/apis/discovery.k8s.io/v1/endpointslices";
    private static final String NODES = "/api/v1/nodes";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<RecordingBackend.Call> journal = Collections.synchronizedList(new ArrayList<>());
    private final RecordingBackend nftables = new RecordingBackend("nftables", journal);
    private final RecordingBackend userspace = new RecordingBackend("userspace", journal);
    private final List<String> users = Collections.synchronizedList(new ArrayList<>());
    private FakeApiServer api;
    private KubernetesClient client;
    private ServiceProxy proxy;

    @BeforeEach
    void apiServer() throws Exception {
        api = new FakeApiServer();
        api.list(SERVICES, List.of(service()));
        api.list(SLICES, List.of(slice("172.17.0.2", "1")));
        api.list(NODES, List.of(node("node-1", "192.168.77.1"), node("node-2", "192.168.77.2")));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(api.url())
                .withRequestTimeout(5000).build()).build();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.deactivate();
        }
        client.close();
        api.close();
    }

    @Test
    void theFirstSyncWaitsForEveryListSoItCarriesTheEndpoints() {
        CountDownLatch slicesListed = new CountDownLatch(1);
        api.hold(SLICES, slicesListed);
        proxy = start("userspace");
        await(() -> api.listCalls(SERVICES) == 1 && api.listCalls(NODES) == 1);
        slicesListed.countDown();
        await(() -> userspace.programmed() != null);
        assertEquals(List.of("userspace.sync"), RecordingBackend.texts(journal));
        ProxyState first = journal.get(0).state();
        assertEquals(List.of(new ServicePort("ns", "web", "http", "TCP", "10.96.5.5", 80, 0, 0,
                List.of(new ServicePort.Endpoint("172.17.0.2", 8080, "", "")))), first.servicePorts());
        assertEquals(List.of("127.0.0.1", "192.168.77.1"), first.nodeAddresses());
        assertEquals(List.of(ClusterClients.PROXY), users.stream().distinct().toList());
    }

    @Test
    void watchEventsUpdateTheBackendAndAModeChangeSwitchesWithoutListingAgain() {
        proxy = start("userspace");
        await(() -> userspace.programmed() != null);
        api.event(SLICES, "MODIFIED", slice("172.17.0.3", "2"));
        await(() -> endpoints(userspace.programmed()).equals(List.of("172.17.0.3:8080")));

        proxy.modified(config("nftables", "node-1"));
        await(() -> nftables.programmed() != null && userspace.programmed() == null);
        assertEquals(List.of("172.17.0.3:8080"), endpoints(nftables.programmed()));
        assertEquals(List.of("userspace.sync", "userspace.update[ns/web:http]", "nftables.sync", "userspace.cleanUp"),
                RecordingBackend.texts(journal));
        assertEquals(List.of(1, 1, 1), List.of(api.listCalls(SERVICES), api.listCalls(SLICES), api.listCalls(NODES)),
                "the informers are kept across the switch");

        proxy.deactivate();
        proxy = null;
        assertEquals("nftables.cleanUp", RecordingBackend.texts(journal).get(4));
    }

    @Test
    void anotherNodeNameServesNodePortsOnThatNodesAddresses() {
        proxy = start("userspace");
        await(() -> userspace.programmed() != null);
        assertEquals(List.of("127.0.0.1", "192.168.77.1"), userspace.programmed().nodeAddresses());
        proxy.modified(config("userspace", "node-2"));
        await(() -> userspace.programmed().nodeAddresses().equals(List.of("127.0.0.1", "192.168.77.2")));
        assertEquals(List.of("userspace.sync", "userspace.sync"), RecordingBackend.texts(journal),
                "new node addresses: a full sync");
        assertEquals("node-2", proxy.nodeName());
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name, String internalIP) {
        return new NodeBuilder().withNewMetadata().withName(name).withResourceVersion("1").endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(internalIP).endAddress().endStatus().build();
    }

    private ServiceProxy start(String mode) {
        ServiceProxy started = new ServiceProxy(user -> {
            users.add(user);
            return client;
        }, config(mode, "node-1"));
        started.addBackend(nftables, Map.of(ProxyBackend.MODE, "nftables"));
        started.addBackend(userspace, Map.of(ProxyBackend.MODE, "userspace"));
        return started;
    }

    private static List<String> endpoints(ProxyState state) {
        return state == null ? List.of() : state.servicePorts().get(0).endpoints().stream().map(Object::toString).toList();
    }

    private static Service service() {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").withResourceVersion("1")
                .endMetadata().withNewSpec().withClusterIP("10.96.5.5").withType("ClusterIP").addNewPort().withName("http")
                .withProtocol("TCP").withPort(80).endPort().endSpec().build();
    }

    private static EndpointSlice slice(String ip, String resourceVersion) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName("web-1")
                .withResourceVersion(resourceVersion).addToLabels(ProxyStates.SERVICE_NAME_LABEL, "web").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort()
                .addNewEndpoint().withAddresses(ip).endEndpoint().build();
    }

    private static ProxyConfig config(String mode, String nodeName) {
        return new ProxyConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ProxyConfig.class;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public String nodeName() {
                return nodeName;
            }

            @Override
            public int resyncSeconds() {
                return 30;
            }
        };
    }

    private static void await(BooleanSupplier condition) {
        Await.until(condition, DEADLINE);
    }
}
