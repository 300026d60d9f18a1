package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.kybern.client.EventRecorder;

/**
 * Kubernetes' garbage collector: watches every kind that can have owners, keeps the
 * {@link DependencyGraph} of owners and dependents, and (keyed by UID) deletes objects whose owners
 * are all gone, orphans or deletes the dependents of owners deleted with {@code orphan} or
 * {@code foregroundDeletion}, and then removes that finalizer so the API server lets the owner go.
 * What to do comes from {@link GarbageCollection}.
 */
final class GarbageCollector extends QueuedController {

    static final String NAME = "garbage-collector-controller";

    /** The kinds watched: those Kybern serves whose objects may own or be owned (events excepted, as in Kubernetes). */
    static final List<Class<? extends HasMetadata>> KINDS = List.of(Pod.class, ReplicaSet.class, Deployment.class,
            Service.class, Endpoints.class, EndpointSlice.class, ConfigMap.class, Secret.class, ServiceAccount.class,
            Lease.class, Node.class);

    private final DependencyGraph graph = new DependencyGraph();
    private final Map<String, Class<? extends HasMetadata>> kindOf = new HashMap<>();

    GarbageCollector(ControllerContext context) {
        super(context, NAME);
        for (Class<? extends HasMetadata> kind : KINDS) {
            kindOf.put(HasMetadata.getApiVersion(kind) + "/" + HasMetadata.getKind(kind), kind);
            watch(context.informers(), kind);
        }
    }

    private <T extends HasMetadata> void watch(Informers informers, Class<T> kind) {
        informers.addHandler(kind, new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                graph.put(object);
                queue.add(object.getMetadata().getUid());
            }

            @Override
            public void onUpdate(T old, T object) {
                graph.put(object);
                queue.add(object.getMetadata().getUid());
                if (!Objects.equals(old.getMetadata().getOwnerReferences(), object.getMetadata().getOwnerReferences())
                        || !Objects.equals(old.getMetadata().getDeletionTimestamp(),
                                object.getMetadata().getDeletionTimestamp())) {
                    DependencyGraph.ownerUids(old).forEach(queue::add); // an owner may be waiting for this change
                    DependencyGraph.ownerUids(object).forEach(queue::add);
                }
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                graph.remove(object);
                DependencyGraph.ownerUids(object).forEach(queue::add);
                graph.dependents(object.getMetadata().getUid()).forEach(d -> queue.add(d.getMetadata().getUid()));
            }
        });
    }

    @Override
    public void reconcile(String uid) {
        HasMetadata object = graph.get(uid);
        if (object == null) {
            return;
        }
        if (object.getMetadata().getDeletionTimestamp() != null) {
            finalizeOwner(object);
            return;
        }
        Map<String, GarbageCollection.OwnerState> owners = new HashMap<>();
        for (OwnerReference ref : refs(object)) {
            owners.put(ref.getUid(), ownerState(object, ref));
        }
        GarbageCollection.DependentPlan plan = GarbageCollection.forDependent(object, owners,
                !graph.dependents(uid).isEmpty());
        if (!plan.removeOwners().isEmpty()) {
            removeOwnerReferences(object, Set.copyOf(plan.removeOwners()));
        }
        if (plan.delete() != null) {
            try {
                resource(object).withPropagationPolicy(DeletionPropagation.valueOf(plan.delete().toUpperCase()))
                        .delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }

    private void finalizeOwner(HasMetadata owner) {
        GarbageCollection.OwnerPlan plan = GarbageCollection.forOwner(owner, graph.dependents(
                owner.getMetadata().getUid()));
        for (HasMetadata dependent : plan.release()) {
            removeOwnerReferences(dependent, Set.of(owner.getMetadata().getUid()));
        }
        plan.check().forEach(d -> queue.add(d.getMetadata().getUid()));
        if (plan.removeFinalizer() != null) {
            edit(owner, o -> {
                List<String> finalizers = new ArrayList<>(GarbageCollection.finalizers(o));
                finalizers.remove(plan.removeFinalizer());
                o.getMetadata().setFinalizers(finalizers);
            });
        }
    }

    /**
     * The owner's state: from the graph when it holds the owner, else from a live read by name with
     * the UID compared (the graph may not have seen a new owner yet).
     */
    private GarbageCollection.OwnerState ownerState(HasMetadata dependent, OwnerReference ref) {
        HasMetadata cached = graph.get(ref.getUid());
        if (cached != null) {
            return GarbageCollection.stateOf(cached, ref.getUid());
        }
        HasMetadata live;
        Class<? extends HasMetadata> kind = kindOf.get(ref.getApiVersion() + "/" + ref.getKind());
        String namespace = dependent.getMetadata().getNamespace();
        if (kind != null && GarbageCollection.ownerOutsideNamespace(dependent, Namespaced.class.isAssignableFrom(kind))) {
            events.warning(dependent, "OwnerRefInvalidNamespace", "ownerRef [" + ref.getApiVersion() + "/"
                    + ref.getKind() + ", namespace: , name: " + ref.getName() + ", uid: " + ref.getUid()
                    + "] does not exist in namespace \"\"");
            return GarbageCollection.OwnerState.ABSENT;
        }
        if (kind != null) {
            live = Namespaced.class.isAssignableFrom(kind)
                    ? client.resources(kind).inNamespace(namespace).withName(ref.getName()).get()
                    : client.resources(kind).withName(ref.getName()).get();
        } else {
            live = client.genericKubernetesResources(ref.getApiVersion(), ref.getKind()).inNamespace(namespace)
                    .withName(ref.getName()).get();
        }
        return GarbageCollection.stateOf(live, ref.getUid());
    }

    private void removeOwnerReferences(HasMetadata object, Set<String> ownerUids) {
        edit(object, o -> {
            List<OwnerReference> kept = new ArrayList<>(refs(o));
            kept.removeIf(r -> ownerUids.contains(r.getUid()));
            o.getMetadata().setOwnerReferences(kept);
        });
    }

    /** Changes the object as it is now on the server, if it is still the same object (UID); gone is done. */
    private void edit(HasMetadata object, Consumer<HasMetadata> change) {
        String uid = object.getMetadata().getUid();
        try {
            resource(object).edit(current -> {
                if (uid.equals(current.getMetadata().getUid())) {
                    change.accept(current);
                }
                return current;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Resource<HasMetadata> resource(HasMetadata object) {
        Class<HasMetadata> kind = (Class<HasMetadata>) object.getClass();
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? client.resources(kind).withName(object.getMetadata().getName())
                : client.resources(kind).inNamespace(namespace).withName(object.getMetadata().getName());
    }

    private static List<OwnerReference> refs(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs;
    }
}
