package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.podBuilder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kybern.api.scheduler.PluginStatus;

/** A pod naming its node ({@code spec.nodeName}) fits only there, as Kubernetes' NodeName. */
class NodeNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            // case, the pod's spec.nodeName, the node, expected reason (null: fits)
            "no node named, null, n1, null",
            "empty node name, '', n1, null",
            "this node named, n1, n1, null",
            "another node named, n2, n1, node(s) didn't match the requested node name",
            "a prefix is not the name, n, n1, node(s) didn't match the requested node name",
    })
    void filters(String name, String nodeName, String node, String reason) {
        var pod = podBuilder("p").editSpec().withNodeName(nodeName).endSpec().build();
        PluginStatus expected = reason == null ? PluginStatus.success() : PluginStatus.unresolvable(reason);
        assertEquals(expected, PluginRun.filter(new NodeName(), pod, info(node(node))));
    }
}
