package org.kybern.apiserver.internal.rest;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The discovery documents kubectl reads first: {@code /api}, {@code /apis}, and each group version's resources. */
public final class Discovery {

    private Discovery() {
    }

    /** {@code /api}. */
    public static APIVersions coreVersions(String serverAddress) {
        return new APIVersionsBuilder().withKind("APIVersions").withVersions("v1")
                .addNewServerAddressByClientCIDR("0.0.0.0/0", serverAddress).build();
    }

    /** {@code /apis}. */
    public static APIGroupList groups() {
        List<APIGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : ResourceTypes.groups().entrySet()) {
            groups.add(group(g.getKey(), g.getValue()));
        }
        return new APIGroupListBuilder().withApiVersion("v1").withKind("APIGroupList").withGroups(groups).build();
    }

    /** {@code /apis/<group>}, if the group exists. */
    public static Optional<APIGroup> group(String name) {
        List<String> versions = ResourceTypes.groups().get(name);
        return versions == null ? Optional.empty() : Optional.of(group(name, versions));
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}, if it exists. */
    public static Optional<APIResourceList> resources(String group, String version) {
        List<ResourceType> types = ResourceTypes.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<APIResource> resources = new ArrayList<>();
        for (ResourceType t : types) {
            resources.add(new APIResourceBuilder().withName(t.resource()).withSingularName(t.singular())
                    .withNamespaced(t.namespaced()).withKind(t.kind()).withVerbs(ResourceType.VERBS)
                    .withShortNames(t.shortNames()).build());
            for (String sub : t.subresources()) {
                resources.add(new APIResourceBuilder().withName(t.resource() + "/" + sub).withSingularName("")
                        .withNamespaced(t.namespaced()).withKind(subresourceKind(t, sub))
                        .withVerbs(subresourceVerbs(sub)).build());
            }
        }
        return Optional.of(new APIResourceListBuilder().withApiVersion("v1").withKind("APIResourceList")
                .withGroupVersion(types.get(0).groupVersion()).withResources(resources).build());
    }

    private static APIGroup group(String name, List<String> versions) {
        List<GroupVersionForDiscovery> gvs = versions.stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
        return new APIGroupBuilder().withApiVersion("v1").withKind("APIGroup").withName(name).withVersions(gvs)
                .withPreferredVersion(gvs.get(0)).build();
    }

    private static String subresourceKind(ResourceType t, String sub) {
        return switch (sub) {
            case "scale" -> "Scale";
            case "binding" -> "Binding";
            case "eviction" -> "Eviction";
            default -> t.kind();
        };
    }

    private static List<String> subresourceVerbs(String sub) {
        return switch (sub) {
            case "binding", "eviction" -> List.of("create");
            case "log" -> List.of("get");
            case "finalize" -> List.of("update");
            default -> List.of("get", "patch", "update");
        };
    }
}
