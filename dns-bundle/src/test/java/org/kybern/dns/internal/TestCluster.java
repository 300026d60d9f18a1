package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link ClusterView} over fixed lists of Services and EndpointSlices, with builders for them. */
final class TestCluster implements ClusterView {

    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> slices = new ArrayList<>();

    TestCluster add(Service service) {
        services.add(service);
        return this;
    }

    TestCluster add(EndpointSlice slice) {
        slices.add(slice);
        return this;
    }

    @Override
    public Service service(String namespace, String name) {
        return services.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && s.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public List<EndpointSlice> slices(String namespace, String service) {
        return slices.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && service.equals(s.getMetadata().getLabels().get(KubeDnsService.SERVICE_NAME_LABEL))).toList();
    }

    @Override
    public boolean hasServices(String namespace) {
        return services.stream().anyMatch(s -> s.getMetadata().getNamespace().equals(namespace));
    }

    @Override
    public List<Service> servicesWithClusterIp(String ip) {
        return services.stream().filter(s -> ip.equals(s.getSpec().getClusterIP())).toList();
    }

    @Override
    public List<EndpointSlice> slicesWithAddress(String ip) {
        return slices.stream().filter(s -> s.getEndpoints().stream().anyMatch(e -> e.getAddresses().contains(ip)))
                .toList();
    }

    /** A Service with this ClusterIP ("None": headless) and ports "name/PROTOCOL/port". */
    static Service service(String namespace, String name, String clusterIp, String... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp)
                .withPorts(List.of(ports).stream().map(p -> p.split("/")).map(p -> new ServicePortBuilder()
                        .withName(p[0]).withProtocol(p[1]).withPort(Integer.parseInt(p[2])).build()).toList())
                .endSpec().build();
    }

    static Service externalName(String namespace, String name, String target) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName(target).endSpec().build();
    }

    /** An IPv4 EndpointSlice of a Service with these endpoints and ports "name/PROTOCOL/port". */
    static EndpointSlice slice(String namespace, String service, String name, List<Endpoint> endpoints,
            String... ports) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withLabels(Map.of(KubeDnsService.SERVICE_NAME_LABEL, service)).endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints)
                .withPorts(List.of(ports).stream().map(p -> p.split("/")).map(p -> new EndpointPortBuilder()
                        .withName(p[0]).withProtocol(p[1]).withPort(Integer.parseInt(p[2])).build()).toList())
                .build();
    }

    /** An endpoint with one address, a hostname (or null) and its readiness (null: unknown). */
    static Endpoint endpoint(String address, String hostname, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withHostname(hostname).withNewConditions()
                .withReady(ready).endConditions().build();
    }
}
