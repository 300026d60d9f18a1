package org.kybern.apiserver.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every kind Kybern serves, grouped as discovery shows them. */
public final class ResourceTypes {

    private static final List<ResourceType> ALL = List.of(
            core("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of("status", "finalize")),
            core("pods", "pod", "Pod", true, List.of("po"), List.of("status", "binding", "log", "eviction")),
            core("nodes", "node", "Node", false, List.of("no"), List.of("status")),
            core("services", "service", "Service", true, List.of("svc"), List.of("status")),
            core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), List.of()),
            core("events", "event", "Event", true, List.of("ev"), List.of()),
            core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
            core("secrets", "secret", "Secret", true, List.of(), List.of()),
            core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
            new ResourceType("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"),
                    List.of("status", "scale")),
            new ResourceType("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"),
                    List.of("status", "scale")),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of()),
            new ResourceType("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true,
                    List.of(), List.of()),
            new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of()),
            new ResourceType("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
                    "HorizontalPodAutoscaler", true, List.of("hpa"), List.of("status")));

    private ResourceTypes() {
    }

    private static ResourceType core(String resource, String singular, String kind, boolean namespaced,
            List<String> shortNames, List<String> subresources) {
        return new ResourceType("", "v1", resource, singular, kind, namespaced, shortNames, subresources);
    }

    /** Every type. */
    public static List<ResourceType> all() {
        return ALL;
    }

    /** The type served at {@code group/version/resource}. */
    public static Optional<ResourceType> find(String group, String version, String resource) {
        return ALL.stream().filter(t -> t.group().equals(group) && t.version().equals(version)
                && t.resource().equals(resource)).findFirst();
    }

    /** The types of one group version, in declaration order. */
    public static List<ResourceType> inGroupVersion(String group, String version) {
        return ALL.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    /** Named groups (not core) with their versions, in declaration order. */
    public static Map<String, List<String>> groups() {
        return ALL.stream().filter(t -> !t.group().isEmpty()).collect(Collectors.groupingBy(ResourceType::group,
                LinkedHashMap::new, Collectors.mapping(ResourceType::version,
                        Collectors.collectingAndThen(Collectors.toCollection(java.util.LinkedHashSet::new),
                                List::copyOf))));
    }
}
