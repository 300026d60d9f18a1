package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.ZONE;
import static org.kybern.scheduler.internal.plugins.Fixtures.fieldTerm;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.labelTerm;
import static org.kybern.scheduler.internal.plugins.Fixtures.labelled;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.pod;
import static org.kybern.scheduler.internal.plugins.Fixtures.preferred;
import static org.kybern.scheduler.internal.plugins.Fixtures.preferringNodes;
import static org.kybern.scheduler.internal.plugins.Fixtures.requirement;
import static org.kybern.scheduler.internal.plugins.Fixtures.requiringNodes;
import static org.kybern.scheduler.internal.plugins.Fixtures.selectingNodes;

import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.scheduler.internal.Cycle;

/**
 * Kubernetes' NodeAffinity: {@code spec.nodeSelector} and the required node selector terms (terms ORed, their
 * expressions ANDed; matchFields on {@code metadata.name}) decide where a pod may go; the preferred terms'
 * weights, summed and scaled to the best node, rank the nodes.
 */
class NodeAffinityTest {

    private static final PluginStatus FITS = PluginStatus.success();
    private static final PluginStatus REFUSED = PluginStatus.unresolvable("node(s) didn't match Pod's node affinity/selector");

    /** Node n1: disktype=ssd, env=prod, cores=8. */
    private static final NodeInfo N1 = info(labelled(node("n1"), "disktype", "ssd", "env", "prod", "cores", "8"));

    static Stream<Arguments> filterCases() {
        return Stream.of(
                arguments("neither selector nor affinity", pod("p"), FITS),
                arguments("nodeSelector matches", selectingNodes("p", "disktype", "ssd"), FITS),
                arguments("nodeSelector, another value", selectingNodes("p", "disktype", "hdd"), REFUSED),
                arguments("nodeSelector, label absent", selectingNodes("p", "gpu", "true"), REFUSED),
                arguments("nodeSelector, all labels needed", selectingNodes("p", "disktype", "ssd", "env", "dev"), REFUSED),
                arguments("In matches", requiring("disktype", "In", "hdd", "ssd"), FITS),
                arguments("In, no value matches", requiring("disktype", "In", "hdd"), REFUSED),
                arguments("NotIn, other value", requiring("disktype", "NotIn", "hdd"), FITS),
                arguments("NotIn, the node's value", requiring("disktype", "NotIn", "ssd"), REFUSED),
                arguments("NotIn, label absent", requiring("gpu", "NotIn", "true"), FITS),
                arguments("Exists", requiring("disktype", "Exists"), FITS),
                arguments("Exists, label absent", requiring("gpu", "Exists"), REFUSED),
                arguments("DoesNotExist, label absent", requiring("gpu", "DoesNotExist"), FITS),
                arguments("DoesNotExist, label present", requiring("disktype", "DoesNotExist"), REFUSED),
                arguments("Gt below", requiring("cores", "Gt", "4"), FITS),
                arguments("Gt equal", requiring("cores", "Gt", "8"), REFUSED),
                arguments("Lt above", requiring("cores", "Lt", "16"), FITS),
                arguments("Lt equal", requiring("cores", "Lt", "8"), REFUSED),
                arguments("Gt on a label that is not a number", requiring("disktype", "Gt", "1"), REFUSED),
                arguments("terms ORed, the second matches", requiringNodes("p",
                        labelTerm(requirement("disktype", "In", "hdd")), labelTerm(requirement("env", "In", "prod"))), FITS),
                arguments("terms ORed, none matches", requiringNodes("p",
                        labelTerm(requirement("disktype", "In", "hdd")), labelTerm(requirement("env", "In", "dev"))), REFUSED),
                arguments("expressions ANDed, all match", requiringNodes("p", labelTerm(
                        requirement("disktype", "In", "ssd"), requirement("env", "In", "prod"))), FITS),
                arguments("expressions ANDed, one fails", requiringNodes("p", labelTerm(
                        requirement("disktype", "In", "ssd"), requirement("env", "In", "dev"))), REFUSED),
                arguments("matchFields metadata.name In this node", requiringNodes("p",
                        fieldTerm(requirement("metadata.name", "In", "n1"))), FITS),
                arguments("matchFields metadata.name In another node", requiringNodes("p",
                        fieldTerm(requirement("metadata.name", "In", "n2"))), REFUSED),
                arguments("matchFields metadata.name NotIn another node", requiringNodes("p",
                        fieldTerm(requirement("metadata.name", "NotIn", "n2"))), FITS),
                arguments("an empty term matches nothing", requiringNodes("p", new NodeSelectorTerm()), REFUSED),
                arguments("no terms at all match nothing", requiringNodes("p"), REFUSED),
                arguments("nodeSelector and affinity both needed", new PodBuilder(requiring("env", "In", "prod"))
                        .editSpec().addToNodeSelector("disktype", "hdd").endSpec().build(), REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filters(String name, Pod pod, PluginStatus expected) {
        assertEquals(expected, PluginRun.filter(new NodeAffinityPlugin(), pod, N1));
    }

    /** a: ssd in z1; b: hdd in z1; c: no labels but its hostname. */
    private static final List<NodeInfo> NODES = List.of(info(labelled(node("a"), "disktype", "ssd", ZONE, "z1")),
            info(labelled(node("b"), "disktype", "hdd", ZONE, "z1")), info(node("c")));

    static Stream<Arguments> scoreCases() {
        return Stream.of(
                arguments("ssd 80 + z1 20: a 100, b 20", preferringNodes("p",
                        preferred(80, labelTerm(requirement("disktype", "In", "ssd"))),
                        preferred(20, labelTerm(requirement(ZONE, "In", "z1")))), Map.of("a", 100L, "b", 20L, "c", 0L)),
                arguments("scaled to the best: a 40 of 40, b 10 of 40", preferringNodes("p",
                        preferred(30, labelTerm(requirement("disktype", "In", "ssd"))),
                        preferred(10, labelTerm(requirement(ZONE, "In", "z1")))), Map.of("a", 100L, "b", 25L, "c", 0L)),
                arguments("only the node without the label", preferringNodes("p",
                        preferred(5, labelTerm(requirement("disktype", "DoesNotExist")))), Map.of("a", 0L, "b", 0L, "c", 100L)),
                arguments("no preferences: all 0", pod("p"), Map.of("a", 0L, "b", 0L, "c", 0L)),
                arguments("nothing preferred matches: all 0", preferringNodes("p",
                        preferred(50, labelTerm(requirement("gpu", "Exists")))), Map.of("a", 0L, "b", 0L, "c", 0L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, Pod pod, Map<String, Long> expected) {
        assertEquals(expected, PluginRun.scores(new NodeAffinityPlugin(), pod, NODES));
    }

    private static Pod requiring(String key, String operator, String... values) {
        return requiringNodes("p", labelTerm(requirement(key, operator, values)));
    }

    @Test
    void preScoreSkipsPodsWithoutPreferredTermsAndOnlyThose() {
        NodeAffinityPlugin plugin = new NodeAffinityPlugin();
        Cycle cycle = new Cycle(NODES);
        assertEquals(PluginStatus.skip(), plugin.preScore(cycle, pod("p"), NODES));
        assertEquals(PluginStatus.skip(), plugin.preScore(cycle, requiring("disktype", "In", "ssd"), NODES),
                "required terms are Filter's; nothing to score");
        assertEquals(PluginStatus.success(), plugin.preScore(cycle, preferringNodes("p",
                preferred(5, labelTerm(requirement("disktype", "In", "ssd")))), NODES));
    }
}
