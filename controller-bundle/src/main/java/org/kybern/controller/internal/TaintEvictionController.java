package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes' taint eviction controller: deletes the pods of a node with {@code NoExecute} taints they
 * do not tolerate, at once or after their {@code tolerationSeconds} (see {@link TaintEviction}); a pod
 * whose node lost the taint in time stays. Keys are pods; a change of a node's taints queues its pods.
 */
final class TaintEvictionController extends QueuedController {

    static final String NAME = "taint-eviction-controller";

    private final Duration defaultToleration;

    TaintEvictionController(ControllerContext context) {
        super(context, NAME);
        this.defaultToleration = Duration.ofSeconds(context.config().defaultTolerationSeconds());
        informers.onChange(Pod.class, pod -> {
            if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
                queue.add(Informers.key(pod));
            }
        });
        informers.addHandler(Node.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                enqueuePodsOf(node);
            }

            @Override
            public void onUpdate(Node old, Node node) {
                if (!Objects.equals(taints(old), taints(node))) {
                    enqueuePodsOf(node);
                }
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
            }
        });
    }

    private static List<Taint> taints(Node node) {
        return node.getSpec() == null ? null : node.getSpec().getTaints();
    }

    /** A node's taints changed (not its heartbeat): each of its pods is looked at again. */
    private void enqueuePodsOf(Node node) {
        String name = node.getMetadata().getName();
        for (Pod pod : informers.all(Pod.class)) {
            if (pod.getSpec() != null && name.equals(pod.getSpec().getNodeName())) {
                queue.add(Informers.key(pod));
            }
        }
    }

    @Override
    public void reconcile(String key) {
        Pod pod = informers.get(Pod.class, key);
        if (pod == null || pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
            return;
        }
        Node node = informers.get(Node.class, pod.getSpec().getNodeName());
        if (node == null || node.getSpec() == null) {
            return;
        }
        Instant now = clock.instant();
        Instant at = TaintEviction.evictAt(pod, node.getSpec().getTaints(), defaultToleration, now);
        if (at == null) {
            return;
        }
        if (at.isAfter(now)) {
            queue.addAfter(key, Duration.between(now, at));
            return;
        }
        events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + key);
        deleteIfPresent(pod);
    }
}
