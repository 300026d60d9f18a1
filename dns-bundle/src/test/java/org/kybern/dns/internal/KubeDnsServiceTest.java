package org.kybern.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kybern.dns.internal.KubeDnsService.Action;

/** The kube-dns Service and EndpointSlice as wanted, and what fixes ones that differ. */
class KubeDnsServiceTest {

    private final KubeDnsService kubeDns = new KubeDnsService(DnsSettings.of(DnsSettingsTest.config("cluster.local"),
            List::of));

    @Test
    void theServiceHasTheWellKnownIpBothPortsAndNoSelector() {
        Service service = kubeDns.desiredService();
        assertEquals("kube-system", service.getMetadata().getNamespace());
        assertEquals("kube-dns", service.getMetadata().getName());
        assertEquals("kube-dns", service.getMetadata().getLabels().get("k8s-app"));
        assertEquals("10.96.0.10", service.getSpec().getClusterIP());
        assertTrue(service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty(),
                "its endpoints are ours, not pods'");
        assertEquals(List.of("dns/UDP/53->53", "dns-tcp/TCP/53->53"), service.getSpec().getPorts().stream()
                .map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort() + "->" + p.getTargetPort().getIntVal())
                .toList());
    }

    @Test
    void theSlicePointsAtTheListenAddressAndIsOurs() {
        EndpointSlice slice = kubeDns.desiredSlice();
        assertEquals("kube-dns-kybern", slice.getMetadata().getName());
        assertEquals(Map.of("kubernetes.io/service-name", "kube-dns", "endpointslice.kubernetes.io/managed-by",
                "kybern-dns"), slice.getMetadata().getLabels());
        assertEquals(List.of("169.254.20.10"), slice.getEndpoints().get(0).getAddresses());
        assertEquals(true, slice.getEndpoints().get(0).getConditions().getReady());
        assertEquals(List.of("dns/UDP/53", "dns-tcp/TCP/53"), slice.getPorts().stream()
                .map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort()).toList());
    }

    @Test
    void aMissingServiceIsCreatedAndAStoredOneAsWantedIsLeft() {
        assertEquals(Action.CREATE, kubeDns.plan((Service) null).action());
        Service stored = new ServiceBuilder(kubeDns.desiredService()).editMetadata().withUid("u1")
                .addToLabels("team", "infra").endMetadata().build();
        assertEquals(Action.NONE, kubeDns.plan(stored).action(), "extra labels are the user's");
    }

    @Test
    void aChangedServiceIsFixedKeepingWhatIsNotOurs() {
        Service changed = new ServiceBuilder(kubeDns.desiredService()).editMetadata().withUid("u1")
                .withResourceVersion("7").withLabels(Map.of("team", "infra")).endMetadata()
                .editSpec().withSelector(Map.of("app", "coredns")).editFirstPort().withTargetPort(new IntOrString(5353))
                .endPort().endSpec().build();
        KubeDnsService.Plan<Service> plan = kubeDns.plan(changed);
        assertEquals(Action.UPDATE, plan.action());
        assertEquals("7", plan.object().getMetadata().getResourceVersion(), "an update of the stored version");
        assertEquals("infra", plan.object().getMetadata().getLabels().get("team"));
        assertEquals("kube-dns", plan.object().getMetadata().getLabels().get("k8s-app"));
        assertTrue(plan.object().getSpec().getSelector() == null || plan.object().getSpec().getSelector().isEmpty());
        assertEquals(53, plan.object().getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertEquals(Action.NONE, kubeDns.plan(plan.object()).action());
    }

    @Test
    void aServiceWithAnotherClusterIpIsMadeAgain() {
        Service other = new ServiceBuilder(kubeDns.desiredService()).editSpec().withClusterIP("10.96.0.99")
                .withClusterIPs("10.96.0.99").endSpec().build();
        KubeDnsService.Plan<Service> plan = kubeDns.plan(other);
        assertEquals(Action.RECREATE, plan.action(), "a ClusterIP cannot change");
        assertEquals("10.96.0.10", plan.object().getSpec().getClusterIP());
    }

    @Test
    void theSliceIsCreatedFixedOrMadeAgain() {
        assertEquals(Action.CREATE, kubeDns.plan((EndpointSlice) null).action());
        EndpointSlice stored = new EndpointSliceBuilder(kubeDns.desiredSlice()).editMetadata().withResourceVersion("3")
                .endMetadata().build();
        assertEquals(Action.NONE, kubeDns.plan(stored).action());
        EndpointSlice notReady = new EndpointSliceBuilder(stored).editFirstEndpoint().editConditions().withReady(false)
                .endConditions().endEndpoint().build();
        KubeDnsService.Plan<EndpointSlice> fix = kubeDns.plan(notReady);
        assertEquals(Action.UPDATE, fix.action());
        assertEquals(true, fix.object().getEndpoints().get(0).getConditions().getReady());
        assertEquals("3", fix.object().getMetadata().getResourceVersion());
        EndpointSlice ipv6 = new EndpointSliceBuilder(stored).withAddressType("IPv6").build();
        assertEquals(Action.RECREATE, kubeDns.plan(ipv6).action(), "the address type cannot change");
    }
}
