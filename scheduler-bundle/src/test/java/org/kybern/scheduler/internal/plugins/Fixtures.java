package org.kybern.scheduler.internal.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kybern.api.scheduler.NodeInfo;

/**
 * Short builders for the pods and nodes of the scheduler's test tables, on fabric8's PodBuilder and
 * NodeBuilder: a table row should read as the cluster it describes. Amounts are Kubernetes quantities
 * given as name/amount pairs, e.g. {@code requesting("web", "cpu", "500m", "memory", "1Gi")}.
 */
public final class Fixtures {

    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String NAMESPACE = "default";

    private Fixtures() {
    }

    /** Name/value pairs as a map, in order: {@code pairs("app", "web", "tier", "front")}. */
    public static Map<String, String> pairs(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("pairs, not " + Arrays.toString(keysAndValues));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Resource name/amount pairs as quantities: {@code quantities("cpu", "500m", "memory", "1Gi")}. */
    public static Map<String, Quantity> quantities(String... namesAndAmounts) {
        Map<String, Quantity> map = new LinkedHashMap<>();
        pairs(namesAndAmounts).forEach((name, amount) -> map.put(name, new Quantity(amount)));
        return map;
    }

    // Nodes

    /** A node offering 4 cpu, 8Gi memory and 110 pods, labelled {@value #HOSTNAME} with its name. */
    public static Node node(String name) {
        return offering(name, "cpu", "4", "memory", "8Gi", "pods", "110");
    }

    /** A node offering exactly the given allocatable resources, labelled {@value #HOSTNAME} with its name. */
    public static Node offering(String name, String... allocatable) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels(HOSTNAME, name).endMetadata()
                .withNewStatus().withAllocatable(quantities(allocatable)).endStatus().build();
    }

    /** The node with these labels added. */
    public static Node labelled(Node node, String... keysAndValues) {
        return new NodeBuilder(node).editMetadata().addToLabels(pairs(keysAndValues)).endMetadata().build();
    }

    /** A node labelled with a zone. */
    public static Node inZone(String name, String zone) {
        return labelled(node(name), ZONE, zone);
    }

    /** The node with these taints. */
    public static Node tainted(Node node, Taint... taints) {
        return new NodeBuilder(node).editOrNewSpec().addToTaints(taints).endSpec().build();
    }

    /** A taint; value may be null. */
    public static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    /** The node cordoned ({@code spec.unschedulable}). */
    public static Node cordoned(Node node) {
        return new NodeBuilder(node).editOrNewSpec().withUnschedulable(true).endSpec().build();
    }

    /** The node with an image in {@code status.images}, of the given size in MiB. */
    public static Node holding(Node node, String image, long mebibytes) {
        return new NodeBuilder(node).editOrNewStatus().addNewImage().withNames(image)
                .withSizeBytes(mebibytes << 20).endImage().endStatus().build();
    }

    /** A node and the pods on it, its sums computed as the snapshot does. */
    public static NodeInfo info(Node node, Pod... pods) {
        return new NodeInfo(node, List.of(pods));
    }

    // Pods

    /** A pod in {@value #NAMESPACE} with one container {@code c} (image busybox) requesting nothing. */
    public static PodBuilder podBuilder(String name) {
        return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name).endMetadata()
                .withNewSpec().addToContainers(container("c", "busybox")).endSpec();
    }

    public static Pod pod(String name) {
        return podBuilder(name).build();
    }

    /** A pod whose one container requests the given resources. */
    public static Pod requesting(String name, String... requests) {
        return podBuilder(name).editSpec().withContainers(requestingContainer("c", requests)).endSpec().build();
    }

    /** A container requesting the given resources. */
    public static Container requestingContainer(String name, String... requests) {
        return new ContainerBuilder(container(name, "busybox")).withNewResources().withRequests(quantities(requests))
                .endResources().build();
    }

    public static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    /** A pod labelled with these labels. */
    public static Pod labelledPod(String name, String... keysAndValues) {
        return podBuilder(name).editMetadata().withLabels(pairs(keysAndValues)).endMetadata().build();
    }

    /** A pod whose {@code spec.nodeSelector} has these labels. */
    public static Pod selectingNodes(String name, String... keysAndValues) {
        return podBuilder(name).editSpec().withNodeSelector(pairs(keysAndValues)).endSpec().build();
    }

    /** A pod whose required node affinity has these terms (ORed). */
    public static Pod requiringNodes(String name, NodeSelectorTerm... terms) {
        return podBuilder(name).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(terms)
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }

    /** A pod preferring nodes: each term a weight and a node selector term. */
    public static Pod preferringNodes(String name, PreferredSchedulingTerm... terms) {
        return podBuilder(name).editSpec().withNewAffinity().withNewNodeAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(terms).endNodeAffinity().endAffinity().endSpec()
                .build();
    }

    public static PreferredSchedulingTerm preferred(int weight, NodeSelectorTerm term) {
        return new PreferredSchedulingTermBuilder().withWeight(weight).withPreference(term).build();
    }

    /** A node selector term of label requirements (ANDed). */
    public static NodeSelectorTerm labelTerm(NodeSelectorRequirement... expressions) {
        return new NodeSelectorTermBuilder().withMatchExpressions(expressions).build();
    }

    /** A node selector term of field requirements (ANDed), e.g. on {@code metadata.name}. */
    public static NodeSelectorTerm fieldTerm(NodeSelectorRequirement... fields) {
        return new NodeSelectorTermBuilder().withMatchFields(fields).build();
    }

    /** One requirement: key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt) and values. */
    public static NodeSelectorRequirement requirement(String key, String operator, String... values) {
        return new NodeSelectorRequirementBuilder().withKey(key).withOperator(operator).withValues(values).build();
    }

    /** A pod affinity term over pods (of the owner's namespace) with these labels, in domains of the topology key. */
    public static PodAffinityTerm podTerm(String topologyKey, String... matchLabels) {
        return new PodAffinityTermBuilder().withTopologyKey(topologyKey).withNewLabelSelector()
                .withMatchLabels(pairs(matchLabels)).endLabelSelector().build();
    }

    /** The pod with these required pod affinity terms added. */
    public static Pod requiringPods(Pod pod, PodAffinityTerm... terms) {
        return new PodBuilder(pod).editSpec().editOrNewAffinity().editOrNewPodAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(terms).endPodAffinity().endAffinity().endSpec().build();
    }

    /** The pod with these required pod anti-affinity terms added. */
    public static Pod avoidingPods(Pod pod, PodAffinityTerm... terms) {
        return new PodBuilder(pod).editSpec().editOrNewAffinity().editOrNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(terms).endPodAntiAffinity().endAffinity().endSpec()
                .build();
    }

    /** The pod with a preferred pod affinity term added. */
    public static Pod preferringPods(Pod pod, int weight, PodAffinityTerm term) {
        return new PodBuilder(pod).editSpec().editOrNewAffinity().editOrNewPodAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(weight).withPodAffinityTerm(term)
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAffinity().endAffinity().endSpec().build();
    }

    /** The pod with a preferred pod anti-affinity term added. */
    public static Pod preferringAwayFrom(Pod pod, int weight, PodAffinityTerm term) {
        return new PodBuilder(pod).editSpec().editOrNewAffinity().editOrNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(weight).withPodAffinityTerm(term)
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity().endSpec().build();
    }

    /** A toleration; key, value and effect may be null (empty). */
    public static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value).withEffect(effect).build();
    }
}
