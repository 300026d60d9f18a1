package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' namespace controller: when a namespace is deleted (Terminating), deletes every
 * namespaced object of every kind the API serves (found through discovery) in it, pods gracefully,
 * looks again until none remain, then removes its finalizer {@code kubernetes} through
 * {@code PUT namespaces/<name>/finalize} so the API server removes the namespace. What to do comes
 * from {@link NamespaceDeletion}.
 */
final class NamespaceController extends QueuedController {

    static final String NAME = "namespace-controller";
    /** How soon a namespace whose content is still going is looked at again. */
    static final Duration RECHECK = Duration.ofSeconds(1);


    NamespaceController(ControllerContext context) {
        super(context, NAME);
        informers.onChange(Namespace.class, ns -> queue.add(ns.getMetadata().getName()));
    }

    @Override
    public void reconcile(String name) {
        Namespace namespace = informers.get(Namespace.class, name);
        if (namespace == null || namespace.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        Map<String, List<HasMetadata>> remaining = new LinkedHashMap<>();
        Map<HasMetadata, ResourceDefinitionContext> typeOf = new IdentityHashMap<>();
        namespacedTypes().forEach((label, type) -> {
            List<HasMetadata> objects = new ArrayList<>(client.genericKubernetesResources(type).inNamespace(name)
                    .list().getItems());
            objects.forEach(o -> typeOf.put(o, type));
            remaining.put(label, objects);
        });
        NamespaceDeletion.Plan plan = NamespaceDeletion.plan(namespace, remaining, clock.instant());
        if (!plan.act()) {
            return;
        }
        for (HasMetadata object : plan.delete()) {
            delete(typeOf.get(object), object);
        }
        List<?> before = namespace.getStatus() == null ? null : namespace.getStatus().getConditions();
        if (!Objects.equals(before, plan.conditions()) && !plan.removeFinalizer()) {
            client.namespaces().resource(new NamespaceBuilder(namespace).editOrNewStatus()
                    .withConditions(plan.conditions()).endStatus().build()).updateStatus();
        }
        if (plan.removeFinalizer()) {
            finalizeNamespace(namespace);
        } else {
            queue.addAfter(name, RECHECK);
        }
    }

    private void delete(ResourceDefinitionContext type, HasMetadata object) {
        try {
            client.genericKubernetesResources(type).inNamespace(object.getMetadata().getNamespace())
                    .withName(object.getMetadata().getName()).withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** {@code PUT namespaces/<name>/finalize} with spec.finalizers without {@code kubernetes}. */
    private void finalizeNamespace(Namespace namespace) {
        List<String> finalizers = new ArrayList<>(namespace.getSpec().getFinalizers());
        finalizers.remove(NamespaceDeletion.FINALIZER);
        Namespace finalized = new NamespaceBuilder(namespace).editSpec().withFinalizers(finalizers).endSpec().build();
        try {
            client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                    + namespace.getMetadata().getName() + "/finalize", "PUT",
                    client.getKubernetesSerialization().asJson(finalized));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // gone already: the cache had not seen it yet
                throw e;
            }
        }
    }

    /** Every namespaced kind the API serves that can be listed and deleted, by {@code resource.group}. */
    private Map<String, ResourceDefinitionContext> namespacedTypes() {
        Map<String, ResourceDefinitionContext> types = new LinkedHashMap<>();
        addTypes(types, "", "v1");
        for (APIGroup group : client.getApiGroups().getGroups()) {
            addTypes(types, group.getName(), group.getPreferredVersion().getVersion());
        }
        return types;
    }

    private void addTypes(Map<String, ResourceDefinitionContext> types, String group, String version) {
        for (APIResource resource : client.getApiResources(group.isEmpty() ? version : group + "/" + version)
                .getResources()) {
            if (Boolean.TRUE.equals(resource.getNamespaced()) && !resource.getName().contains("/")
                    && resource.getVerbs().contains("list") && resource.getVerbs().contains("delete")) {
                types.putIfAbsent(resource.getName() + "." + group, new ResourceDefinitionContext.Builder()
                        .withGroup(group).withVersion(version).withPlural(resource.getName())
                        .withKind(resource.getKind()).withNamespaced(true).build());
            }
        }
    }
}
