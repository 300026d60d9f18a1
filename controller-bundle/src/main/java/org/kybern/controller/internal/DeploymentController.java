package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Map;
import java.util.Objects;
import org.kybern.client.Matching;

/**
 * Kubernetes' Deployment controller: one ReplicaSet per pod template, rolled from old to new within
 * maxSurge and maxUnavailable (or Recreate), revisions and history, and the status with its
 * conditions. What to do comes from {@link DeploymentSync}; this class watches Deployments, their
 * ReplicaSets and (for Recreate) their pods, and writes.
 */
final class DeploymentController extends QueuedController {

    static final String NAME = "deployment-controller";


    DeploymentController(ControllerContext context) {
        super(context, NAME);
        informers.onChange(Deployment.class, d -> queue.add(Informers.key(d)));
        informers.onChange(ReplicaSet.class, rs -> {
            if (Owners.controllerOf(rs) == null) {
                enqueueMatching(rs);
            } else {
                enqueueOwner(rs);
            }
        });
        informers.onChange(Pod.class, pod -> {
            // Recreate waits for the old pods to be gone: a pod's change may let its Deployment go on.
            OwnerReference ref = Owners.controllerOf(pod);
            if (ref != null && "ReplicaSet".equals(ref.getKind())) {
                ReplicaSet rs = informers.get(ReplicaSet.class, pod.getMetadata().getNamespace() + "/" + ref.getName());
                if (rs != null && rs.getMetadata().getUid().equals(ref.getUid())) {
                    enqueueOwner(rs);
                }
            }
        });
    }

    private void enqueueOwner(HasMetadata object) {
        OwnerReference ref = Owners.controllerOf(object);
        if (ref != null && "Deployment".equals(ref.getKind())) {
            queue.add(object.getMetadata().getNamespace() + "/" + ref.getName());
        }
    }

    /** An orphan ReplicaSet: every Deployment whose selector matches it may adopt it. */
    private void enqueueMatching(ReplicaSet rs) {
        for (Deployment d : informers.inNamespace(Deployment.class, rs.getMetadata().getNamespace())) {
            if (d.getSpec().getSelector() != null
                    && Matching.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels())) {
                queue.add(Informers.key(d));
            }
        }
    }

    @Override
    public void reconcile(String key) {
        Deployment d = informers.get(Deployment.class, key);
        if (d == null || d.getSpec().getSelector() == null) {
            return;
        }
        String namespace = d.getMetadata().getNamespace();
        DeploymentSync.Plan plan = DeploymentSync.plan(d, informers.inNamespace(ReplicaSet.class, namespace),
                informers.inNamespace(Pod.class, namespace), clock.instant());
        plan.adopt().forEach(rs -> Pods.adopt(client, rs, d));
        plan.release().forEach(rs -> Pods.release(client, rs, d));
        var replicaSets = client.apps().replicaSets().inNamespace(namespace);
        if (plan.create() != null) {
            ReplicaSet created = replicaSets.resource(plan.create()).create();
            scaled(d, created.getMetadata().getName(), 0, DeploymentReplicaSets.replicas(created));
        }
        for (ReplicaSet rs : plan.update()) {
            ReplicaSet before = informers.get(ReplicaSet.class, Informers.key(rs));
            replicaSets.resource(rs).update();
            scaled(d, rs.getMetadata().getName(), before == null ? 0 : DeploymentReplicaSets.replicas(before),
                    DeploymentReplicaSets.replicas(rs));
        }
        for (ReplicaSet rs : plan.delete()) {
            replicaSets.withName(rs.getMetadata().getName()).delete();
        }
        Deployment current = d;
        if (plan.revision() != null) {
            current = client.apps().deployments().inNamespace(namespace).withName(d.getMetadata().getName())
                    .edit(x -> new DeploymentBuilder(x).editMetadata()
                            .addToAnnotations(Map.of(DeploymentReplicaSets.REVISION, plan.revision())).endMetadata()
                            .build());
        }
        if (!Objects.equals(d.getStatus(), plan.status())) {
            client.apps().deployments().inNamespace(namespace)
                    .resource(new DeploymentBuilder(current).withStatus(plan.status()).build()).updateStatus();
        }
        if (plan.requeueAfter() != null) {
            queue.addAfter(key, plan.requeueAfter());
        }
    }

    /** Event ScalingReplicaSet, as Kubernetes words it. */
    private void scaled(Deployment d, String replicaSet, int from, int to) {
        if (from != to) {
            events.normal(d, "ScalingReplicaSet", "Scaled " + (to > from ? "up" : "down") + " replica set "
                    + replicaSet + " from " + from + " to " + to);
        }
    }
}
