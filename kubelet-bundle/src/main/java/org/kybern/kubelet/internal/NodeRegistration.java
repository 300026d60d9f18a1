package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kybern.api.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's presence in the cluster, as Kubernetes' kubelet keeps it: registers the Node
 * (capacity, allocatable, addresses, labels, taints, nodeInfo, kubelet port), renews its Lease in
 * {@code kube-node-lease} and posts the node's conditions.
 */
final class NodeRegistration {

    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final int LEASE_DURATION_SECONDS = 40;
    private static final long MEMORY_PRESSURE_BYTES = 100L * 1024 * 1024; // Kubernetes' default hard eviction threshold
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

    /** What the Node says about itself. */
    record Spec(String nodeName, String address, int port, Map<String, String> labels, List<Taint> taints,
            Map<String, Quantity> capacity, String kubeletVersion, File dataDir, String servingCertificateSha256) {
    }

    private final KubernetesClient client;
    private final ContainerRuntime runtime;
    private final Spec spec;

    NodeRegistration(KubernetesClient client, ContainerRuntime runtime, Spec spec) {
        this.client = client;
        this.runtime = runtime;
        this.spec = spec;
    }

    /** Creates the Node, or brings the labels of an existing one up to date. */
    void register() {
        Node existing = client.nodes().withName(spec.nodeName()).get();
        if (existing == null) {
            Node node = new NodeBuilder().withNewMetadata().withName(spec.nodeName()).withLabels(labels())
                    .addToAnnotations(ServingCertificate.FINGERPRINT_ANNOTATION, spec.servingCertificateSha256()).endMetadata()
                    .withNewSpec().withTaints(spec.taints()).endSpec().build();
            try {
                client.nodes().resource(node).create();
                LOG.info("Registered node {}", spec.nodeName());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        } else {
            client.nodes().withName(spec.nodeName()).edit(n -> {
                Map<String, String> labels = new LinkedHashMap<>(n.getMetadata().getLabels() == null ? Map.of()
                        : n.getMetadata().getLabels());
                labels.putAll(labels());
                n.getMetadata().setLabels(labels);
                Map<String, String> annotations = new LinkedHashMap<>(n.getMetadata().getAnnotations() == null
                        ? Map.of() : n.getMetadata().getAnnotations());
                // A new certificate at every start: the API server learns which one to trust here.
                annotations.put(ServingCertificate.FINGERPRINT_ANNOTATION, spec.servingCertificateSha256());
                n.getMetadata().setAnnotations(annotations);
                return n;
            });
        }
        heartbeat();
    }

    /** Renews the Lease and posts the node's status; called every 10 s. */
    void heartbeat() {
        Instant now = Instant.now();
        renewLease(now);
        Node current = client.nodes().withName(spec.nodeName()).get();
        if (current == null) {
            LOG.warn("Node {} is gone; registering it again", spec.nodeName());
            register();
            return;
        }
        NodeStatus status = status(current.getStatus(), now);
        Node patch = new NodeBuilder().withNewMetadata().withName(spec.nodeName()).endMetadata().withStatus(status).build();
        client.nodes().resource(patch).patchStatus();
    }

    private void renewLease(Instant now) {
        var leases = client.resources(Lease.class).inNamespace(LEASE_NAMESPACE);
        Lease lease = leases.withName(spec.nodeName()).get();
        java.time.ZonedDateTime renew = now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
        if (lease == null) {
            Node node = client.nodes().withName(spec.nodeName()).get();
            LeaseBuilder b = new LeaseBuilder().withNewMetadata().withName(spec.nodeName()).withNamespace(LEASE_NAMESPACE)
                    .endMetadata().withNewSpec().withHolderIdentity(spec.nodeName())
                    .withLeaseDurationSeconds(LEASE_DURATION_SECONDS).withRenewTime(renew).endSpec();
            if (node != null) { // as Kubernetes: the Lease goes away with its Node
                b.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("Node")
                        .withName(node.getMetadata().getName()).withUid(node.getMetadata().getUid()).endOwnerReference()
                        .endMetadata();
            }
            leases.resource(b.build()).create();
        } else {
            lease.getSpec().setRenewTime(renew);
            lease.getSpec().setHolderIdentity(spec.nodeName());
            lease.getSpec().setLeaseDurationSeconds(LEASE_DURATION_SECONDS);
            leases.resource(lease).update();
        }
    }

    NodeStatus status(NodeStatus old, Instant now) {
        boolean runtimeUp;
        String runtimeVersion;
        String notReadyMessage = null;
        try {
            runtimeVersion = runtime.name() + "://" + runtime.version();
            runtimeUp = true;
        } catch (RuntimeException e) {
            runtimeVersion = runtime.name() + "://unknown";
            runtimeUp = false;
            notReadyMessage = "container runtime is down: " + e.getMessage();
        }
        long available = HostResources.availableMemoryBytes().orElse(Long.MAX_VALUE);
        File data = spec.dataDir();
        boolean diskPressure = data.exists() && data.getUsableSpace() < data.getTotalSpace() / 10;
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "Ready", runtimeUp, runtimeUp ? "KubeletReady" : "KubeletNotReady",
                runtimeUp ? "kubelet is posting ready status" : notReadyMessage, now));
        conditions.add(condition(old, "MemoryPressure", available < MEMORY_PRESSURE_BYTES,
                available < MEMORY_PRESSURE_BYTES ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory",
                available < MEMORY_PRESSURE_BYTES ? "kubelet has insufficient memory available"
                        : "kubelet has sufficient memory available", now));
        conditions.add(condition(old, "DiskPressure", diskPressure,
                diskPressure ? "KubeletHasDiskPressure" : "KubeletHasNoDiskPressure",
                diskPressure ? "kubelet has disk pressure" : "kubelet has no disk pressure", now));
        conditions.add(condition(old, "PIDPressure", false, "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", now));
        return new NodeStatusBuilder()
                .withCapacity(spec.capacity()).withAllocatable(spec.capacity())
                .addNewAddress().withType("InternalIP").withAddress(spec.address()).endAddress()
                .addNewAddress().withType("Hostname").withAddress(spec.nodeName()).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(spec.port()).endKubeletEndpoint()
                .endDaemonEndpoints()
                .withNewNodeInfo().withArchitecture(HostResources.arch()).withOperatingSystem("linux")
                .withOsImage(HostResources.osImage()).withKernelVersion(System.getProperty("os.version", ""))
                .withContainerRuntimeVersion(runtimeVersion).withKubeletVersion(spec.kubeletVersion())
                .withKubeProxyVersion(spec.kubeletVersion())
                .withMachineID(HostResources.read("/etc/machine-id")).withSystemUUID("")
                .withBootID(HostResources.read("/proc/sys/kernel/random/boot_id")).endNodeInfo()
                .withConditions(conditions).build();
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", spec.nodeName());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", HostResources.arch());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", HostResources.arch());
        labels.putAll(spec.labels());
        return labels;
    }

    private static NodeCondition condition(NodeStatus old, String type, boolean on, String reason, String message,
            Instant now) {
        String status = on ? "True" : "False";
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String since = stamp;
        if (old != null && old.getConditions() != null) {
            for (NodeCondition c : old.getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(stamp).withLastTransitionTime(since).build();
    }
}
