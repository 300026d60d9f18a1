package org.kybern.controller.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;

/**
 * Kubernetes' node lifecycle controller: watches the Nodes and their Leases in {@code kube-node-lease};
 * a node not heard of within {@code nodeMonitorGracePeriodSeconds} is marked Ready=Unknown, its pods
 * Ready=False, and it is tainted unreachable ({@code NoSchedule}, and {@code NoExecute} at most at
 * {@code nodeEvictionRate} nodes a second); the taints go when the kubelet reports Ready=True again.
 * What to do comes from {@link NodeLifecycleSync}; evicting the pods is the {@link TaintEvictionController}'s.
 */
final class NodeLifecycleController extends QueuedController {

    static final String NAME = "node-lifecycle-controller";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final Duration grace;
    private final TokenBucket evictions;

    NodeLifecycleController(ControllerContext context) {
        super(context, NAME);
        this.grace = Duration.ofSeconds(context.config().nodeMonitorGracePeriodSeconds());
        this.evictions = new TokenBucket(context.config().nodeEvictionRate(), 1, System::nanoTime);
        informers.onChange(Node.class, node -> queue.add(Informers.key(node)));
        informers.onChange(Lease.class, lease -> {
            if (LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())) {
                queue.add(lease.getMetadata().getName());
            }
        });
        informers.of(Pod.class);
    }

    @Override
    public void reconcile(String key) {
        Node node = informers.get(Node.class, key);
        if (node == null) {
            return;
        }
        Instant now = clock.instant();
        NodeLifecycleSync.Plan plan = NodeLifecycleSync.plan(node, informers.get(Lease.class, LEASE_NAMESPACE + "/" + key),
                now, grace, evictions::tryTake);
        Node written = node;
        if (plan.conditions() != null) {
            written = client.nodes().resource(new NodeBuilder(node).editStatus().withConditions(plan.conditions())
                    .endStatus().build()).updateStatus();
        }
        if (plan.taints() != null) {
            client.nodes().resource(new NodeBuilder(written).editOrNewSpec().withTaints(plan.taints()).endSpec().build())
                    .update();
        }
        if (plan.event() != null) {
            events.normal(node, plan.event(), "Node " + key + " status is now: " + plan.event());
        }
        if (plan.markPodsNotReady()) {
            markPodsNotReady(key, now);
        }
        if (plan.deferred()) {
            queue.addAfter(key, evictions.untilNext());
        } else if (plan.requeueAfter() != null) {
            queue.addAfter(key, plan.requeueAfter());
        }
    }

    /** Kubernetes' MarkPodsNotReady: every pod bound to the node that shows Ready=True gets Ready=False. */
    private void markPodsNotReady(String nodeName, Instant now) {
        for (Pod pod : informers.all(Pod.class)) {
            if (pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName())) {
                continue;
            }
            PodStatus status = NodeLifecycleSync.notReady(pod, now);
            if (status == null) {
                continue;
            }
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace())
                        .resource(new PodBuilder(pod).withStatus(status).build()).updateStatus();
                events.warning(pod, "NodeNotReady", "Node is not ready");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }
}
