package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.cordoned;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.pod;
import static org.kybern.scheduler.internal.plugins.Fixtures.podBuilder;
import static org.kybern.scheduler.internal.plugins.Fixtures.toleration;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.PluginStatus;

/** A cordoned node refuses pods unless they tolerate the unschedulable taint, as Kubernetes' NodeUnschedulable. */
class NodeUnschedulableTest {

    private static final PluginStatus REFUSED = PluginStatus.unresolvable("node(s) were unschedulable");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("schedulable node", pod("p"), node("n"), PluginStatus.success()),
                arguments("unschedulable: false", pod("p"),
                        new NodeBuilder(node("n")).editOrNewSpec().withUnschedulable(false).endSpec().build(),
                        PluginStatus.success()),
                arguments("cordoned", pod("p"), cordoned(node("n")), REFUSED),
                arguments("cordoned, the unschedulable taint tolerated", tolerating(
                        toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")),
                        cordoned(node("n")), PluginStatus.success()),
                arguments("cordoned, every taint tolerated (empty key, Exists)", tolerating(
                        toleration(null, "Exists", null, null)), cordoned(node("n")), PluginStatus.success()),
                arguments("cordoned, tolerated only for NoExecute", tolerating(
                        toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoExecute")),
                        cordoned(node("n")), REFUSED),
                arguments("cordoned, another key tolerated", tolerating(
                        toleration("dedicated", "Exists", null, "NoSchedule")), cordoned(node("n")), REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filters(String name, Pod pod, Node node, PluginStatus expected) {
        assertEquals(expected, PluginRun.filter(new NodeUnschedulable(), pod, info(node)));
    }

    static Pod tolerating(Toleration... tolerations) {
        return podBuilder("p").editSpec().addToTolerations(tolerations).endSpec().build();
    }
}
