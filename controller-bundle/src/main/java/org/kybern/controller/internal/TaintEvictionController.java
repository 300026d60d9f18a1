package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.kybern.client.EventRecorder;
import org.kybern.client.WorkQueue;

/**
 * Kubernetes' taint eviction controller: deletes the pods of a node with {@code NoExecute} taints they
 * do not tolerate, at once or after their {@code tolerationSeconds} (see {@link TaintEviction}); a pod
 * whose node lost the taint in time stays. Keys are pods; a node's change enqueues its pods.
 */
final class TaintEvictionController implements Controller {

    static final String NAME = "taint-eviction-controller";

    private final KubernetesClient client;
    private final Informers informers;
    private final WorkQueue queue;
    private final EventRecorder events;
    private final Clock clock;
    private final Duration defaultToleration;

    TaintEvictionController(ControllerContext context) {
        this.client = context.client();
        this.informers = context.informers();
        this.queue = context.newQueue();
        this.events = context.events(NAME);
        this.clock = context.clock();
        this.defaultToleration = Duration.ofSeconds(context.config().defaultTolerationSeconds());
        informers.onChange(Pod.class, pod -> {
            if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
                queue.add(Informers.key(pod));
            }
        });
        informers.onChange(Node.class, node -> {
            String name = node.getMetadata().getName();
            for (Pod pod : informers.all(Pod.class)) {
                if (pod.getSpec() != null && name.equals(pod.getSpec().getNodeName())) {
                    queue.add(Informers.key(pod));
                }
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkQueue queue() {
        return queue;
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
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
