package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.container;
import static org.kybern.scheduler.internal.plugins.Fixtures.holding;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.podBuilder;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.NodeInfo;

/**
 * Kubernetes' ImageLocality over four nodes: each image of the pod (init containers too) already on a node
 * adds its size times the share of nodes holding it; the sum, clamped to 23 MiB-1000 MiB per container,
 * maps to 0-100.
 */
class ImageLocalityTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("image on one node of four: 500 MiB x 1/4", pod("app:1"),
                        nodes(holding(node("a"), "app:1", 500)), scores(10, 0, 0, 0)),
                arguments("image on every node: 500 MiB each", pod("app:1"), nodes(holding(node("a"), "app:1", 500),
                        holding(node("b"), "app:1", 500), holding(node("c"), "app:1", 500), holding(node("d"), "app:1", 500)),
                        scores(48, 48, 48, 48)),
                arguments("below 23 MiB scores 0", pod("tiny:1"), nodes(holding(node("a"), "tiny:1", 80)),
                        scores(0, 0, 0, 0)),
                arguments("no tag is :latest", pod("busybox"), nodes(holding(node("a"), "busybox:latest", 1000)),
                        scores(23, 0, 0, 0)),
                arguments("two containers: up to 2000 MiB", pod("a:1", "b:1"), nodes(holding(holding(node("a"), "a:1",
                        1000), "b:1", 1000), holding(holding(node("b"), "a:1", 1000), "b:1", 1000),
                        holding(holding(node("c"), "a:1", 1000), "b:1", 1000), holding(holding(node("d"), "a:1", 1000),
                                "b:1", 1000)), scores(100, 100, 100, 100)),
                arguments("an init container's image counts", podBuilder("p").editSpec().addToInitContainers(
                        container("init", "init:1")).endSpec().build(), nodes(holding(node("a"), "init:1", 800),
                        holding(node("b"), "init:1", 800), holding(node("c"), "init:1", 800),
                        holding(node("d"), "init:1", 800)), scores(39, 39, 39, 39)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(String name, Pod pod, List<NodeInfo> nodes, Map<String, Long> expected) {
        assertEquals(expected, PluginRun.scores(new ImageLocality(), pod, nodes));
    }

    /** A pod with one container per image. */
    private static Pod pod(String... images) {
        return podBuilder("p").editSpec().withContainers(Stream.of(images).map(i -> container(i.replaceAll("\\W", ""), i))
                .toList()).endSpec().build();
    }

    /** Nodes a, b, c, d: those given replace the plain one of their name. */
    private static List<NodeInfo> nodes(Node... given) {
        return Stream.of("a", "b", "c", "d").map(name -> Stream.of(given).filter(n -> n.getMetadata().getName()
                .equals(name)).findFirst().orElse(node(name))).map(n -> info(n)).toList();
    }

    private static Map<String, Long> scores(long a, long b, long c, long d) {
        return Map.of("a", a, "b", b, "c", c, "d", d);
    }
}
