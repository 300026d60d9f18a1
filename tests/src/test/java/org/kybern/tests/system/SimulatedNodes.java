package org.kybern.tests.system;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Node objects without a kubelet, labelled {@value #LABEL}=true and tainted so, for scheduler tests:
 * the scheduler places pods on them, nothing runs them. Only pods that tolerate the taint and select the
 * label (see {@link #pod}) go there, so other tests' pods never land on a node that cannot run them.
 * As a kubelet would, the test renews each one's Lease in {@code kube-node-lease} every 10 s until
 * {@link #cleanUp}, so the node lifecycle controller keeps them Ready (and untainted).
 */
final class SimulatedNodes {

    static final String LABEL = "kybern.io/simulated";

    private static final Map<String, KubernetesClient> RENEWED = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService HEARTBEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-node-leases");
        t.setDaemon(true);
        return t;
    });

    static {
        HEARTBEAT.scheduleWithFixedDelay(() -> RENEWED.forEach(SimulatedNodes::renew), 10, 10, TimeUnit.SECONDS);
    }

    private SimulatedNodes() {
    }

    /** Creates or renews the node's Lease, as its kubelet would. */
    private static void renew(String node, KubernetesClient client) {
        try {
            var leases = client.resources(Lease.class).inNamespace("kube-node-lease");
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            Lease lease = leases.withName(node).get();
            if (lease == null) {
                leases.resource(new LeaseBuilder().withNewMetadata().withName(node).withNamespace("kube-node-lease")
                        .endMetadata().withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40)
                        .withRenewTime(now).endSpec().build()).create();
            } else {
                lease.getSpec().setRenewTime(now);
                leases.resource(lease).update();
            }
        } catch (RuntimeException e) {
            System.err.println("simulated node " + node + ": lease not renewed: " + e);
        }
    }

    /** Creates a Ready node with this capacity (cpu and memory as Kubernetes quantities) and extra labels. */
    static Node create(KubernetesClient client, String name, String cpu, String memory, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(LABEL, "true");
        all.put("kubernetes.io/hostname", name);
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                "pods", new Quantity("110"));
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(all)
                .endMetadata().withNewSpec().addNewTaint().withKey(LABEL).withValue("true").withEffect("NoSchedule")
                .endTaint().endSpec().build()).create();
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().withCapacity(capacity)
                .withAllocatable(capacity).addNewCondition().withType("Ready").withStatus("True").withReason("Simulated")
                .endCondition().build());
        Node created = client.nodes().resource(node).updateStatus();
        renew(name, client);
        RENEWED.put(name, client);
        return created;
    }

    /**
     * Removes a test's pods (at once: no kubelet would confirm a graceful deletion), its namespace and its
     * simulated nodes.
     */
    static void cleanUp(KybernCluster cluster, KubernetesClient client, String namespace, String... nodes)
            throws Exception {
        cluster.kubectl("delete", "pods", "--all", "-n", namespace, "--grace-period=0", "--force");
        client.namespaces().withName(namespace).delete();
        for (String name : nodes) {
            RENEWED.remove(name);
            client.resources(Lease.class).inNamespace("kube-node-lease").withName(name).delete();
            client.nodes().withName(name).delete();
        }
    }

    /** A pod for simulated nodes: selects their label, tolerates their taint; requests as given (null: none). */
    static PodBuilder pod(String name, String cpu, String memory) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (cpu != null) {
            requests.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            requests.put("memory", new Quantity(memory));
        }
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .addToNodeSelector(LABEL, "true").addNewToleration().withKey(LABEL).withOperator("Exists").endToleration()
                .addNewContainer().withName("app").withImage("kybern/busybox:1").withNewResources()
                .withRequests(requests).endResources().endContainer().endSpec();
    }

    /** The node a pod was bound to, or null. */
    static String nodeOf(Pod pod) {
        return pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }
}
