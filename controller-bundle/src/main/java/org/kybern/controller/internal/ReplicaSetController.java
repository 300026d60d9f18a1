package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.kybern.client.Matching;

/**
 * Kubernetes' ReplicaSet controller: keeps {@code replicas} pods of the template running for each
 * ReplicaSet, adopting matching orphans and releasing pods that stopped matching, and reports what it
 * sees in the status. What to do comes from {@link ReplicaSetSync}; this class watches, remembers its
 * {@link Expectations} and writes.
 */
final class ReplicaSetController extends QueuedController {

    static final String NAME = "replicaset-controller";

    private final Expectations expectations = new Expectations(System::nanoTime);
    private final Executor writes;

    ReplicaSetController(ControllerContext context) {
        super(context, NAME);
        this.writes = context.writes();
        informers.onChange(ReplicaSet.class, rs -> queue.add(Informers.key(rs)));
        informers.addHandler(Pod.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String owner = owner(pod);
                if (owner == null) {
                    enqueueMatching(pod);
                    return;
                }
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    expectations.deletionObserved(owner, pod.getMetadata().getUid());
                } else {
                    expectations.creationObserved(owner);
                }
                queue.add(owner);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                String before = owner(old);
                String owner = owner(pod);
                if (pod.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null
                        && owner != null) {
                    expectations.deletionObserved(owner, pod.getMetadata().getUid());
                }
                if (before != null && !before.equals(owner)) {
                    queue.add(before);
                }
                if (owner != null) {
                    queue.add(owner);
                } else if (!Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels()) || before != null) {
                    enqueueMatching(pod);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                String owner = owner(pod);
                if (owner != null) {
                    expectations.deletionObserved(owner, pod.getMetadata().getUid());
                    queue.add(owner);
                }
            }
        });
    }

    /** The key of the ReplicaSet that controls the pod, if it exists with that UID; else null. */
    private String owner(Pod pod) {
        OwnerReference ref = Owners.controllerOf(pod);
        if (ref == null || !"ReplicaSet".equals(ref.getKind())) {
            return null;
        }
        String key = pod.getMetadata().getNamespace() + "/" + ref.getName();
        ReplicaSet rs = informers.get(ReplicaSet.class, key);
        return rs != null && rs.getMetadata().getUid().equals(ref.getUid()) ? key : null;
    }

    /** An orphan: every ReplicaSet whose selector matches it may adopt it. */
    private void enqueueMatching(Pod pod) {
        for (ReplicaSet rs : informers.inNamespace(ReplicaSet.class, pod.getMetadata().getNamespace())) {
            if (Matching.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                queue.add(Informers.key(rs));
            }
        }
    }

    @Override
    public void reconcile(String key) throws InterruptedException {
        ReplicaSet rs = informers.get(ReplicaSet.class, key);
        if (rs == null) {
            expectations.forget(key);
            return;
        }
        String namespace = rs.getMetadata().getNamespace();
        ReplicaSetSync.Plan plan = ReplicaSetSync.plan(rs, informers.inNamespace(Pod.class, namespace),
                expectations.satisfied(key), clock.instant());
        for (Pod pod : plan.adopt()) {
            Pods.adopt(client, pod, rs);
        }
        for (Pod pod : plan.release()) {
            Pods.release(client, pod, rs);
        }
        RuntimeException failure = null;
        if (plan.create() > 0) {
            failure = create(key, rs, plan.create());
        } else if (!plan.delete().isEmpty()) {
            delete(key, rs, plan.delete());
        }
        if (!Objects.equals(rs.getStatus(), plan.status())) {
            client.apps().replicaSets().inNamespace(namespace)
                    .resource(new ReplicaSetBuilder(rs).withStatus(plan.status()).build()).updateStatus();
        }
        if (failure != null) {
            throw failure;
        }
        if (plan.requeueAfter() != null) {
            queue.addAfter(key, plan.requeueAfter());
        }
    }

    /**
     * Creates the pods in slow-start batches (1, 2, 4, … at once), as Kubernetes: a batch with a refusal
     * ends it, and the pods not created are no longer expected (retried after a back-off).
     */
    private RuntimeException create(String key, ReplicaSet rs, int count) throws InterruptedException {
        expectations.expect(key, count, Set.of());
        SlowStart.Outcome<Pod> outcome = SlowStart.run(count, writes, () -> client.pods()
                .inNamespace(rs.getMetadata().getNamespace()).resource(ReplicaSetSync.newPod(rs)).create());
        for (Pod created : outcome.results()) {
            events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        }
        for (RuntimeException e : outcome.failures()) {
            expectations.creationObserved(key);
            events.warning(rs, "FailedCreate", "Error creating: " + Pods.reason(e));
        }
        for (int i = 0; i < outcome.skipped(); i++) {
            expectations.creationObserved(key);
        }
        return outcome.firstFailure();
    }

    private void delete(String key, ReplicaSet rs, List<Pod> pods) {
        expectations.expect(key, 0, pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        List<String> failed = new ArrayList<>();
        for (Pod pod : pods) {
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
                events.normal(rs, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            } catch (KubernetesClientException e) {
                expectations.deletionObserved(key, pod.getMetadata().getUid());
                failed.add(pod.getMetadata().getName() + ": " + Pods.reason(e));
            }
        }
        if (!failed.isEmpty()) {
            events.warning(rs, "FailedDelete", "Error deleting: " + String.join("; ", failed));
        }
    }
}
