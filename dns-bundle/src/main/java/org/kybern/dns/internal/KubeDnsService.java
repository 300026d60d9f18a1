package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the cluster DNS reachable at its well-known ClusterIP: the Service {@code kube-system/kube-dns}
 * (ports {@code dns} UDP 53 and {@code dns-tcp} TCP 53, Kubernetes' kube-dns labels, no selector: its
 * endpoints are this server's) and the EndpointSlice {@code kube-system/kube-dns-<node>} pointing at the
 * listen address, managed by {@value #MANAGED_BY} so that the EndpointSlice controller leaves it alone.
 * What is missing is created, what differs is fixed; a Service with another ClusterIP (which cannot
 * change) or a slice of another address type is deleted and made again.
 */
final class KubeDnsService {

    static final String NAMESPACE = "kube-system";
    static final String NAME = "kube-dns";
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "kybern-dns";
    static final Map<String, String> SERVICE_LABELS = Map.of("k8s-app", "kube-dns",
            "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "KubeDNS");
    static final int SERVICE_PORT = 53;

    /** What to do to make an object as wanted. */
    enum Action { NONE, CREATE, UPDATE, RECREATE }

    /** An action and the object it writes. */
    record Plan<T>(Action action, T object) {
    }

    private final DnsSettings settings;

    KubeDnsService(DnsSettings settings) {
        this.settings = settings;
    }

    /** The name of this server's EndpointSlice. */
    String sliceName() {
        return NAME + "-" + settings.nodeName();
    }

    /** The kube-dns Service as wanted. */
    Service desiredService() {
        return new ServiceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME)
                .withLabels(SERVICE_LABELS).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(settings.serviceIp())
                .withClusterIPs(settings.serviceIp()).withPorts(servicePort("dns", "UDP"), servicePort("dns-tcp", "TCP"))
                .endSpec().build();
    }

    private ServicePort servicePort(String name, String protocol) {
        return new ServicePortBuilder().withName(name).withProtocol(protocol).withPort(SERVICE_PORT)
                .withTargetPort(new IntOrString(settings.listen().getPort())).build();
    }

    /** This server's EndpointSlice as wanted: the listen address, ready, with ports dns and dns-tcp. */
    EndpointSlice desiredSlice() {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(sliceName())
                .withLabels(Map.of(SERVICE_NAME_LABEL, NAME, MANAGED_BY_LABEL, MANAGED_BY)).endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(new EndpointBuilder().withAddresses(settings.listen().getAddress().getHostAddress())
                        .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                        .build())
                .withPorts(slicePort("dns", "UDP"), slicePort("dns-tcp", "TCP")).build();
    }

    private EndpointPort slicePort(String name, String protocol) {
        return new EndpointPortBuilder().withName(name).withProtocol(protocol).withPort(settings.listen().getPort()).build();
    }

    /** What makes {@code current} (null: missing) the wanted Service; an update keeps the rest of {@code current}. */
    Plan<Service> plan(Service current) {
        Service desired = desiredService();
        if (current == null) {
            return new Plan<>(Action.CREATE, desired);
        }
        String ip = current.getSpec() == null ? null : current.getSpec().getClusterIP();
        if (!settings.serviceIp().equals(ip)) {
            return new Plan<>(Action.RECREATE, desired);
        }
        Map<String, String> labels = merged(current.getMetadata().getLabels(), SERVICE_LABELS);
        boolean same = labels.equals(current.getMetadata().getLabels())
                && "ClusterIP".equals(current.getSpec().getType())
                && (current.getSpec().getSelector() == null || current.getSpec().getSelector().isEmpty())
                && ports(current.getSpec().getPorts()).equals(ports(desired.getSpec().getPorts()));
        return same ? new Plan<>(Action.NONE, current)
                : new Plan<>(Action.UPDATE, new ServiceBuilder(current).editMetadata().withLabels(labels).endMetadata()
                        .editSpec().withType("ClusterIP").withSelector(null).withPorts(desired.getSpec().getPorts())
                        .endSpec().build());
    }

    /** What makes {@code current} (null: missing) the wanted EndpointSlice. */
    Plan<EndpointSlice> plan(EndpointSlice current) {
        EndpointSlice desired = desiredSlice();
        if (current == null) {
            return new Plan<>(Action.CREATE, desired);
        }
        if (!desired.getAddressType().equals(current.getAddressType())) {
            return new Plan<>(Action.RECREATE, desired);
        }
        Map<String, String> labels = merged(current.getMetadata().getLabels(), desired.getMetadata().getLabels());
        boolean same = labels.equals(current.getMetadata().getLabels())
                && Objects.equals(current.getEndpoints(), desired.getEndpoints())
                && Objects.equals(current.getPorts(), desired.getPorts());
        return same ? new Plan<>(Action.NONE, current)
                : new Plan<>(Action.UPDATE, new EndpointSliceBuilder(current).editMetadata().withLabels(labels)
                        .endMetadata().withEndpoints(desired.getEndpoints()).withPorts(desired.getPorts()).build());
    }

    /** Makes the Service and the EndpointSlice in the API as wanted. */
    void ensure(KubernetesClient client) {
        Service service = client.services().inNamespace(NAMESPACE).withName(NAME).get();
        apply(client, plan(service));
        EndpointSlice slice = client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).withName(sliceName()).get();
        apply(client, plan(slice));
    }

    /** Deletes this server's EndpointSlice (the Service stays: its ClusterIP is the pods' nameserver). */
    void removeSlice(KubernetesClient client) {
        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).withName(sliceName()).delete();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void apply(KubernetesClient client,
            Plan<T> plan) {
        switch (plan.action()) {
            case CREATE -> client.resource(plan.object()).create();
            case UPDATE -> client.resource(plan.object()).update();
            case RECREATE -> {
                client.resource(plan.object()).delete();
                createWhenGone(client, plan.object());
            }
            default -> {
            }
        }
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void createWhenGone(KubernetesClient client,
            T object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // still being deleted: the next sync creates it
        }
    }

    /** Ports compared by what matters (the API server fills in defaults). */
    private static List<String> ports(List<ServicePort> ports) {
        return ports == null ? List.of() : ports.stream().map(p -> p.getName() + "/" + p.getProtocol() + "/"
                + p.getPort() + "/" + (p.getTargetPort() == null ? p.getPort()
                : p.getTargetPort().getIntVal() != null ? p.getTargetPort().getIntVal() : p.getTargetPort().getStrVal()))
                .sorted().toList();
    }

    private static Map<String, String> merged(Map<String, String> current, Map<String, String> ours) {
        Map<String, String> labels = new LinkedHashMap<>(current == null ? Map.of() : current);
        labels.putAll(ours);
        return labels;
    }
}
