package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * Kubernetes' service-account controller: every active namespace has a ServiceAccount
 * {@code default}, made again if deleted (keyed by namespace; what is missing comes from
 * {@link ServiceAccounts}).
 */
final class ServiceAccountController extends QueuedController {

    static final String NAME = "serviceaccount-controller";


    ServiceAccountController(ControllerContext context) {
        super(context, NAME);
        informers.onChange(Namespace.class, ns -> queue.add(ns.getMetadata().getName()));
        informers.onChange(ServiceAccount.class, sa -> queue.add(sa.getMetadata().getNamespace()));
    }

    @Override
    public void reconcile(String namespace) {
        Namespace ns = informers.get(Namespace.class, namespace);
        if (ns == null) {
            return;
        }
        List<String> existing = informers.inNamespace(ServiceAccount.class, namespace).stream()
                .map(sa -> sa.getMetadata().getName()).toList();
        for (String name : ServiceAccounts.missing(ns, existing)) {
            try {
                client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                        .withName(name).withNamespace(namespace).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                // Already made (the cache lags), or the namespace is terminating or gone: nothing to do, as Kubernetes.
                if (e.getCode() != 409 && e.getCode() != 403 && e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }
}
