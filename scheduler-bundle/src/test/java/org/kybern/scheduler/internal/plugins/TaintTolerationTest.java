package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.pod;
import static org.kybern.scheduler.internal.plugins.Fixtures.taint;
import static org.kybern.scheduler.internal.plugins.Fixtures.tainted;
import static org.kybern.scheduler.internal.plugins.Fixtures.toleration;
import static org.kybern.scheduler.internal.plugins.NodeUnschedulableTest.tolerating;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;

/**
 * Kubernetes' TaintToleration: NoSchedule and NoExecute taints refuse pods that do not tolerate them, naming
 * the taint; PreferNoSchedule taints only lower the score (fewer untolerated ones score higher, 0-100).
 */
class TaintTolerationTest {

    private static final Taint GPU = taint("dedicated", "gpu", "NoSchedule");

    static Stream<Arguments> filterCases() {
        return Stream.of(
                arguments("no taints", pod("p"), List.of(), PluginStatus.success()),
                arguments("NoSchedule untolerated", pod("p"), List.of(GPU),
                        refused("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("NoSchedule tolerated by Equal", tolerating(toleration("dedicated", "Equal", "gpu",
                        "NoSchedule")), List.of(GPU), PluginStatus.success()),
                arguments("no operator means Equal", tolerating(toleration("dedicated", null, "gpu", "NoSchedule")),
                        List.of(GPU), PluginStatus.success()),
                arguments("Equal with another value", tolerating(toleration("dedicated", "Equal", "cpu",
                        "NoSchedule")), List.of(GPU), refused("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("NoSchedule tolerated by Exists", tolerating(toleration("dedicated", "Exists", null,
                        "NoSchedule")), List.of(GPU), PluginStatus.success()),
                arguments("empty key with Exists tolerates everything", tolerating(toleration(null, "Exists", null,
                        null)), List.of(GPU, taint("x", null, "NoExecute")), PluginStatus.success()),
                arguments("empty effect tolerates every effect", tolerating(toleration("dedicated", "Equal", "gpu",
                        null)), List.of(GPU), PluginStatus.success()),
                arguments("a NoExecute toleration does not tolerate NoSchedule", tolerating(toleration("dedicated",
                        "Exists", null, "NoExecute")), List.of(GPU),
                        refused("node(s) had untolerated taint {dedicated: gpu}")),
                arguments("NoExecute untolerated, empty value", pod("p"),
                        List.of(taint("node.kubernetes.io/not-ready", null, "NoExecute")),
                        refused("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")),
                arguments("PreferNoSchedule never refuses", pod("p"), List.of(taint("spot", "true",
                        "PreferNoSchedule")), PluginStatus.success()),
                arguments("the first untolerated taint is named", tolerating(toleration("dedicated", "Exists", null,
                        null)), List.of(GPU, taint("zone-drain", "yes", "NoSchedule"), taint("other", "1", "NoExecute")),
                        refused("node(s) had untolerated taint {zone-drain: yes}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filters(String name, Pod pod, List<Taint> taints, PluginStatus expected) {
        var node = tainted(node("n"), taints.toArray(Taint[]::new));
        assertEquals(expected, PluginRun.filter(new TaintToleration(), pod, info(node)));
    }

    /** a: no taint; b: spot=true:PreferNoSchedule; c: that and busy=yes:PreferNoSchedule and a NoSchedule one. */
    private static final List<NodeInfo> NODES = List.of(info(node("a")),
            info(tainted(node("b"), taint("spot", "true", "PreferNoSchedule"))),
            info(tainted(node("c"), taint("spot", "true", "PreferNoSchedule"), taint("busy", "yes", "PreferNoSchedule"),
                    taint("other", "x", "NoSchedule"))));

    static Stream<Arguments> scoreCases() {
        return Stream.of(
                arguments("nothing tolerated: c has 2 untolerated, b 1", pod("p"), Map.of("a", 100L, "b", 50L, "c", 0L)),
                arguments("spot tolerated for PreferNoSchedule", tolerating(toleration("spot", "Exists", null,
                        "PreferNoSchedule")), Map.of("a", 100L, "b", 100L, "c", 0L)),
                arguments("a toleration without effect counts", tolerating(toleration("spot", "Equal", "true", null)),
                        Map.of("a", 100L, "b", 100L, "c", 0L)),
                arguments("a NoSchedule toleration does not count", tolerating(toleration("spot", "Exists", null,
                        "NoSchedule")), Map.of("a", 100L, "b", 50L, "c", 0L)),
                arguments("all tolerated: all equal at 100", tolerating(toleration(null, "Exists", null, null)),
                        Map.of("a", 100L, "b", 100L, "c", 100L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, Pod pod, Map<String, Long> expected) {
        assertEquals(expected, PluginRun.scores(new TaintToleration(), pod, NODES));
    }

    private static PluginStatus refused(String reason) {
        return PluginStatus.unresolvable(reason);
    }
}
