package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubernetes' endpointslice controller: for each Service with a selector keeps the EndpointSlices
 * (labelled {@code kubernetes.io/service-name}, managed by {@code endpointslice-controller.k8s.io},
 * controlled by the Service) that {@link EndpointsSync} computes: creates the missing, updates the
 * changed, deletes the ones no longer wanted — all of them when the Service is gone or has no selector.
 */
final class EndpointSliceController extends QueuedController {

    static final String NAME = "endpointslice-controller";

    EndpointSliceController(ControllerContext context) {
        super(context, NAME);
        ServiceWatch.register(informers, queue, EndpointSlice.class);
    }

    @Override
    public void reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Service service = informers.get(Service.class, key);
        List<EndpointSlice> existing = informers.inNamespace(EndpointSlice.class, namespace).stream()
                .filter(s -> managedFor(s, name)).toList();
        List<EndpointSlice> wanted = service == null || !EndpointsSync.selects(service) ? List.of()
                : EndpointsSync.slices(service, informers.inNamespace(Pod.class, namespace));
        Map<String, EndpointSlice> byName = existing.stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        for (EndpointSlice slice : wanted) {
            EndpointSlice current = byName.get(slice.getMetadata().getName());
            if (current == null) {
                client.resource(slice).create();
            } else if (!same(current, slice)) {
                client.resource(new EndpointSliceBuilder(current).editMetadata().withLabels(slice.getMetadata().getLabels())
                        .withOwnerReferences(slice.getMetadata().getOwnerReferences()).endMetadata()
                        .withAddressType(slice.getAddressType()).withEndpoints(slice.getEndpoints())
                        .withPorts(slice.getPorts()).build()).update();
            }
        }
        Set<String> keep = wanted.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        for (EndpointSlice slice : existing) {
            if (!keep.contains(slice.getMetadata().getName())) {
                deleteIfPresent(slice);
            }
        }
    }

    private static boolean managedFor(EndpointSlice slice, String service) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return labels != null && service.equals(labels.get(EndpointsSync.SERVICE_NAME_LABEL))
                && EndpointsSync.MANAGED_BY.equals(labels.get(EndpointsSync.MANAGED_BY_LABEL));
    }

    private static boolean same(EndpointSlice a, EndpointSlice b) {
        return Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
                && Objects.equals(a.getMetadata().getOwnerReferences(), b.getMetadata().getOwnerReferences())
                && Objects.equals(a.getAddressType(), b.getAddressType())
                && Objects.equals(a.getEndpoints(), b.getEndpoints()) && Objects.equals(a.getPorts(), b.getPorts());
    }
}
