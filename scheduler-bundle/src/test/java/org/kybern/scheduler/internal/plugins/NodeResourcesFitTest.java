package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.offering;
import static org.kybern.scheduler.internal.plugins.Fixtures.pod;
import static org.kybern.scheduler.internal.plugins.Fixtures.podBuilder;
import static org.kybern.scheduler.internal.plugins.Fixtures.quantities;
import static org.kybern.scheduler.internal.plugins.Fixtures.requesting;
import static org.kybern.scheduler.internal.plugins.Fixtures.requestingContainer;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.PluginStatus;

/**
 * Kubernetes' NodeResourcesFit filter: the pod's request (containers summed, or the largest init container if
 * more, plus overhead) must fit in what the node has left, and the node must take one pod more; every
 * shortage is named, "Too many pods" first, then cpu, memory, ephemeral storage, extended resources.
 */
class NodeResourcesFitTest {

    private static final String GPU = "example.com/gpu";
    /** 4 cpu, 8Gi memory, 10Gi ephemeral storage, 2 GPUs, room for 3 pods. */
    private static final Node NODE = offering("n", "cpu", "4", "memory", "8Gi", "ephemeral-storage", "10Gi", GPU, "2",
            "pods", "3");
    /** What the node's pods already take in most rows: 1500m cpu, 2Gi, one GPU. */
    private static final Pod USED = requesting("used", "cpu", "1500m", "memory", "2Gi", GPU, "1");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("fits", requesting("p", "cpu", "1", "memory", "1Gi"), List.of(USED), fits()),
                arguments("fills the node exactly", requesting("p", "cpu", "2500m", "memory", "6Gi", GPU, "1"),
                        List.of(USED), fits()),
                arguments("cpu short", requesting("p", "cpu", "2600m"), List.of(USED), lacking("Insufficient cpu")),
                arguments("memory short", requesting("p", "memory", "7Gi"), List.of(USED), lacking("Insufficient memory")),
                arguments("both short, cpu first", requesting("p", "memory", "7Gi", "cpu", "3"), List.of(USED),
                        lacking("Insufficient cpu", "Insufficient memory")),
                arguments("ephemeral storage short", requesting("p", "ephemeral-storage", "11Gi"), List.of(),
                        lacking("Insufficient ephemeral-storage")),
                arguments("pods count full", pod("p"), List.of(USED, pod("a"), pod("b")), lacking("Too many pods")),
                arguments("pods count full and cpu short: every shortage", requesting("p", "cpu", "3"),
                        List.of(USED, pod("a"), pod("b")), lacking("Too many pods", "Insufficient cpu")),
                arguments("a pod requesting nothing fits a full node", pod("p"),
                        List.of(requesting("all", "cpu", "4", "memory", "8Gi")), fits()),
                arguments("init container larger than the containers' sum counts", withInit("3", "500m", "500m"),
                        List.of(USED), lacking("Insufficient cpu")),
                arguments("containers' sum larger than the init container counts", withInit("500m", "1500m", "1"),
                        List.of(USED), fits()),
                arguments("containers summed beyond what is left", withInit("100m", "1500m", "1100m"), List.of(USED),
                        lacking("Insufficient cpu")),
                arguments("a sidecar adds to the containers", withSidecar("1", null, "2"), List.of(USED),
                        lacking("Insufficient cpu")),
                arguments("an init container runs beside the sidecars started before it", withSidecar("1", "2", "500m"),
                        List.of(USED), lacking("Insufficient cpu")),
                arguments("sidecar and containers within what is left", withSidecar("1", "1500m", "1500m"),
                        List.of(USED), fits()),
                arguments("overhead counts", withOverhead(requesting("p", "cpu", "2"), "cpu", "600m"), List.of(USED),
                        lacking("Insufficient cpu")),
                arguments("overhead within what is left", withOverhead(requesting("p", "cpu", "2"), "cpu", "500m"),
                        List.of(USED), fits()),
                arguments("extended resource left", requesting("p", GPU, "1"), List.of(USED), fits()),
                arguments("extended resource short", requesting("p", GPU, "2"), List.of(USED),
                        lacking("Insufficient example.com/gpu")),
                arguments("extended resource the node lacks", requesting("p", "example.com/fpga", "1"), List.of(),
                        lacking("Insufficient example.com/fpga")),
                arguments("limits without requests request the limits", podBuilder("p").editSpec().withContainers(
                        new ContainerBuilder().withName("c").withImage("busybox").withNewResources()
                                .withLimits(quantities("cpu", "3")).endResources().build()).endSpec().build(),
                        List.of(USED), lacking("Insufficient cpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, Pod pod, List<Pod> onNode, PluginStatus expected) {
        assertEquals(expected, PluginRun.filter(new NodeResourcesFit(), pod, info(NODE, onNode.toArray(Pod[]::new))));
    }

    private static PluginStatus fits() {
        return PluginStatus.success();
    }

    private static PluginStatus lacking(String... reasons) {
        return PluginStatus.unschedulable(reasons);
    }

    /** A pod with an init container requesting {@code initCpu} and two containers requesting the others. */
    private static Pod withInit(String initCpu, String cpu1, String cpu2) {
        return podBuilder("p").editSpec().withInitContainers(requestingContainer("init", "cpu", initCpu))
                .withContainers(requestingContainer("a", "cpu", cpu1), requestingContainer("b", "cpu", cpu2)).endSpec()
                .build();
    }

    /** A pod with a sidecar (restartPolicy Always), then an init container (null: none), then a container. */
    private static Pod withSidecar(String sidecarCpu, String initCpu, String cpu) {
        Pod pod = podBuilder("p").editSpec().withInitContainers(new ContainerBuilder(requestingContainer("sidecar", "cpu",
                sidecarCpu)).withRestartPolicy("Always").build()).withContainers(requestingContainer("c", "cpu", cpu))
                .endSpec().build();
        return initCpu == null ? pod : new PodBuilder(pod).editSpec().addToInitContainers(requestingContainer("init",
                "cpu", initCpu)).endSpec().build();
    }

    private static Pod withOverhead(Pod pod, String... overhead) {
        return new PodBuilder(pod).editSpec().withOverhead(quantities(overhead)).endSpec()
                .build();
    }
}
