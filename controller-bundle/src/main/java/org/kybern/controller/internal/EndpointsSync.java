package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Endpoints and EndpointSlices of one Service, worked out from the cached pods alone (tested table
 * by table), as Kubernetes' endpoints and endpointslice controllers: the pods its selector picks that
 * have an IP, each with the Service's ports resolved for it (a named {@code targetPort} is looked up in
 * the pod's container ports; a port the pod does not name is left out for that pod). Endpoints put
 * ready pods in {@code addresses} and the others in {@code notReadyAddresses} (terminating pods are left
 * out); pods with the same resolved ports share a subset. EndpointSlices hold one endpoint per pod with
 * the conditions ready, serving and terminating; one slice per set of resolved ports.
 */
final class EndpointsSync {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private EndpointsSync() {
    }

    /** Whether the controllers manage endpoints for this Service: it has a selector. */
    static boolean selects(Service service) {
        return service.getSpec() != null && service.getSpec().getSelector() != null
                && !service.getSpec().getSelector().isEmpty();
    }

    /** The pods of the namespace the Service's selector picks, with an IP and not finished. */
    static List<Pod> members(Service service, List<Pod> pods) {
        return pods.stream().filter(p -> picks(service, p))
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty())
                .filter(p -> !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName())).toList();
    }

    /** Whether the Service's selector (which it has) picks the pod by its labels. */
    static boolean picks(Service service, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(service.getSpec().getSelector().entrySet());
    }

    /** The Endpoints object named as the Service (labels copied from it). */
    static Endpoints endpoints(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, EndpointSubsetBuilder> subsets = new LinkedHashMap<>();
        for (Pod pod : members(service, pods)) {
            if (pod.getMetadata().getDeletionTimestamp() != null && !publishNotReady) {
                continue;
            }
            List<EndpointPort> ports = ports(service, pod);
            EndpointSubsetBuilder subset = subsets.computeIfAbsent(ports, p -> new EndpointSubsetBuilder().withPorts(p));
            EndpointAddress address = new EndpointAddressBuilder().withIp(pod.getStatus().getPodIP())
                    .withNodeName(pod.getSpec().getNodeName()).withTargetRef(targetRef(pod)).build();
            if (publishNotReady || PodConditions.isReady(pod)) {
                subset.addToAddresses(address);
            } else {
                subset.addToNotReadyAddresses(address);
            }
        }
        List<EndpointSubset> built = subsets.values().stream().map(EndpointSubsetBuilder::build).toList();
        return new EndpointsBuilder().withNewMetadata().withName(service.getMetadata().getName())
                .withNamespace(service.getMetadata().getNamespace()).withLabels(service.getMetadata().getLabels())
                .endMetadata().withSubsets(built).build();
    }

    /** The EndpointSlices: one per set of resolved ports, named {@code <service>-<n>}, controlled by the Service. */
    static List<EndpointSlice> slices(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, List<Endpoint>> byPorts = new LinkedHashMap<>();
        for (Pod pod : members(service, pods)) {
            boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
            boolean serving = publishNotReady || PodConditions.isReady(pod);
            Endpoint endpoint = new EndpointBuilder().withAddresses(pod.getStatus().getPodIP()).withNewConditions()
                    .withReady(serving && !terminating).withServing(serving).withTerminating(terminating)
                    .endConditions().withNodeName(pod.getSpec().getNodeName()).withTargetRef(targetRef(pod)).build();
            byPorts.computeIfAbsent(ports(service, pod), p -> new ArrayList<>()).add(endpoint);
        }
        List<EndpointSlice> slices = new ArrayList<>();
        int n = 0;
        for (Map.Entry<List<EndpointPort>, List<Endpoint>> e : byPorts.entrySet()) {
            slices.add(slice(service, service.getMetadata().getName() + "-" + n++, e.getKey(), e.getValue()));
        }
        if (slices.isEmpty()) {
            slices.add(slice(service, service.getMetadata().getName() + "-0", List.of(), List.of())); // a placeholder
        }
        return slices;
    }

    private static EndpointSlice slice(Service service, String name, List<EndpointPort> ports, List<Endpoint> endpoints) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace(service.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owners.reference(service)).endMetadata().withAddressType("IPv4")
                .withEndpoints(endpoints).withPorts(ports.stream().map(p -> new io.fabric8.kubernetes.api.model.discovery.v1
                        .EndpointPortBuilder().withName(p.getName()).withPort(p.getPort()).withProtocol(p.getProtocol())
                        .withAppProtocol(p.getAppProtocol()).build()).toList()).build();
    }

    /**
     * The Service's ports as they reach this pod: a number stays, a name is looked up in the pod's
     * container ports (left out if the pod has none by that name); an unset targetPort is the port.
     */
    static List<EndpointPort> ports(Service service, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        if (service.getSpec().getPorts() == null) {
            return ports;
        }
        for (ServicePort sp : service.getSpec().getPorts()) {
            Integer port = resolve(sp, pod);
            if (port != null) {
                ports.add(new EndpointPortBuilder().withName(sp.getName()).withPort(port)
                        .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol())
                        .withAppProtocol(sp.getAppProtocol()).build());
            }
        }
        return ports;
    }

    private static Integer resolve(ServicePort sp, Pod pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        if (pod.getSpec().getContainers() == null) {
            return null;
        }
        String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (target.getStrVal().equals(cp.getName())
                        && protocol.equals(cp.getProtocol() == null ? "TCP" : cp.getProtocol())) {
                    return cp.getContainerPort();
                }
            }
        }
        return null;
    }

    static ObjectReference targetRef(Pod pod) {
        return new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
    }
}
