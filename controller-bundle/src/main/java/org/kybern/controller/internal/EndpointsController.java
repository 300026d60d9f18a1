package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' endpoints controller: for each Service with a selector keeps an Endpoints object of the
 * same name listing the ready and not-ready pods it picks (see {@link EndpointsSync}); deletes it with
 * the Service. Services without a selector are left to whoever writes their Endpoints.
 */
final class EndpointsController extends QueuedController {

    static final String NAME = "endpoint-controller";

    EndpointsController(ControllerContext context) {
        super(context, NAME);
        ServiceWatch.register(informers, queue, Endpoints.class);
    }

    @Override
    public void reconcile(String key) {
        Service service = informers.get(Service.class, key);
        Endpoints existing = informers.get(Endpoints.class, key);
        if (service == null) {
            if (existing != null) {
                deleteIfPresent(existing);
            }
            return;
        }
        if (!EndpointsSync.selects(service)) {
            return;
        }
        Endpoints wanted = EndpointsSync.endpoints(service,
                informers.inNamespace(Pod.class, service.getMetadata().getNamespace()));
        if (existing == null) {
            client.resource(wanted).create();
        } else if (!Objects.equals(existing.getSubsets(), wanted.getSubsets())
                || !Objects.equals(labels(existing.getMetadata().getLabels()), labels(wanted.getMetadata().getLabels()))) {
            client.resource(new EndpointsBuilder(existing).editMetadata().withLabels(wanted.getMetadata().getLabels())
                    .endMetadata().withSubsets(wanted.getSubsets()).build()).update();
        }
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}
