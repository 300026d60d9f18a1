package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.kybern.scheduler.internal.plugins.Fixtures.HOSTNAME;
import static org.kybern.scheduler.internal.plugins.Fixtures.ZONE;
import static org.kybern.scheduler.internal.plugins.Fixtures.avoidingPods;
import static org.kybern.scheduler.internal.plugins.Fixtures.inZone;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.labelledPod;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.pairs;
import static org.kybern.scheduler.internal.plugins.Fixtures.podTerm;
import static org.kybern.scheduler.internal.plugins.Fixtures.preferringAwayFrom;
import static org.kybern.scheduler.internal.plugins.Fixtures.preferringPods;
import static org.kybern.scheduler.internal.plugins.Fixtures.requiringPods;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kybern.api.scheduler.NodeInfo;
import org.kybern.api.scheduler.PluginStatus;
import org.kybern.scheduler.internal.Cycle;

/**
 * Kubernetes' InterPodAffinity over a small cluster: nodes a and b in zone z1, c in z2, d in no zone; a runs a
 * pod app=db, c a pod app=cache (both in namespace default). Each row adds pods, schedules one, and gives
 * every node's verdict: fits, affinity ("node(s) didn't match pod affinity rules", unresolvable), anti
 * ("node(s) didn't match pod anti-affinity rules") or existing ("node(s) didn't satisfy existing pods
 * anti-affinity rules"); or the normalized scores, 0 for the lowest node to 100 for the highest.
 */
class InterPodAffinityTest {

    private static final Map<String, PluginStatus> VERDICTS = Map.of("fits", PluginStatus.success(),
            "affinity", PluginStatus.unresolvable("node(s) didn't match pod affinity rules"),
            "anti", PluginStatus.unschedulable("node(s) didn't match pod anti-affinity rules"),
            "existing", PluginStatus.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules"));

    private static final Pod WEB = labelledPod("new", "app", "web");
    private static final Pod DB = labelledPod("db", "app", "db");
    private static final Pod CACHE = labelledPod("cache", "app", "cache");

    static Stream<Arguments> filterCases() {
        return Stream.of(
                arguments("no terms", WEB, List.of(), verdicts("fits fits fits fits")),
                arguments("affinity to db, same host", requiringPods(WEB, podTerm(HOSTNAME, "app", "db")), List.of(),
                        verdicts("fits affinity affinity affinity")),
                arguments("affinity to db, same zone; d has no zone", requiringPods(WEB, podTerm(ZONE, "app", "db")),
                        List.of(), verdicts("fits fits affinity affinity")),
                arguments("affinity to a pod nowhere, not matching itself", requiringPods(WEB, podTerm(HOSTNAME, "app",
                        "none")), List.of(), verdicts("affinity affinity affinity affinity")),
                arguments("first of its group: affinity to itself, none anywhere", requiringPods(WEB,
                        podTerm(HOSTNAME, "app", "web")), List.of(), verdicts("fits fits fits fits")),
                arguments("first of its group needs the topology label", requiringPods(WEB, podTerm(ZONE, "app", "web")),
                        List.of(), verdicts("fits fits fits affinity")),
                arguments("not first once one of the group runs", requiringPods(WEB, podTerm(HOSTNAME, "app", "web")),
                        List.of(on("c", labelledPod("web-1", "app", "web"))), verdicts("affinity affinity fits affinity")),
                arguments("affinity terms are met by one pod matching all of them", requiringPods(WEB,
                        podTerm(HOSTNAME, "app", "db"), podTerm(HOSTNAME, "tier", "backend")),
                        List.of(on("a", labelledPod("backend", "tier", "backend")),
                                on("b", labelledPod("db-backend", "app", "db", "tier", "backend"))),
                        verdicts("affinity fits affinity affinity")),
                arguments("a pod in another namespace does not count", requiringPods(WEB, podTerm(HOSTNAME, "app",
                        "queue")), List.of(on("b", inNamespace(labelledPod("queue", "app", "queue"), "prod"))),
                        verdicts("affinity affinity affinity affinity")),
                arguments("a term naming that namespace counts it", requiringPods(WEB, inNamespaces(podTerm(HOSTNAME,
                        "app", "queue"), "prod")), List.of(on("b", inNamespace(labelledPod("queue", "app", "queue"),
                                "prod"))), verdicts("affinity fits affinity affinity")),
                arguments("anti-affinity to db, same host", avoidingPods(WEB, podTerm(HOSTNAME, "app", "db")), List.of(),
                        verdicts("anti fits fits fits")),
                arguments("anti-affinity to db, same zone", avoidingPods(WEB, podTerm(ZONE, "app", "db")), List.of(),
                        verdicts("anti anti fits fits")),
                arguments("a placed pod's anti-affinity keeps web out of its zone", WEB,
                        List.of(on("c", avoidingPods(labelledPod("loner", "app", "loner"), podTerm(ZONE, "app", "web")))),
                        verdicts("fits fits existing fits")),
                arguments("a placed pod's anti-affinity, per host", WEB,
                        List.of(on("a", avoidingPods(labelledPod("loner", "app", "loner"), podTerm(HOSTNAME, "app", "web")))),
                        verdicts("existing fits fits fits")),
                arguments("a placed pod's anti-affinity against others", labelledPod("new", "app", "api"),
                        List.of(on("c", avoidingPods(labelledPod("loner", "app", "loner"), podTerm(ZONE, "app", "web")))),
                        verdicts("fits fits fits fits")),
                arguments("affinity is checked before anti-affinity", avoidingPods(requiringPods(WEB, podTerm(HOSTNAME,
                        "app", "cache")), podTerm(HOSTNAME, "app", "db")), List.of(),
                        verdicts("affinity affinity fits affinity")),
                arguments("own anti-affinity before the placed pods'", avoidingPods(WEB, podTerm(ZONE, "app", "cache")),
                        List.of(on("c", avoidingPods(labelledPod("loner", "app", "loner"), podTerm(ZONE, "app", "web")))),
                        verdicts("fits fits anti fits")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filters(String name, Pod pod, List<Placed> added, Map<String, PluginStatus> expected) {
        List<NodeInfo> cluster = cluster(added);
        Map<String, PluginStatus> actual = new TreeMap<>();
        for (NodeInfo node : cluster) {
            actual.put(node.name(), PluginRun.filter(new InterPodAffinity(), pod, node, cluster));
        }
        assertEquals(expected, actual);
    }

    static Stream<Arguments> scoreCases() {
        return Stream.of(
                arguments("no terms anywhere: all 0", WEB, List.of(), scores(0, 0, 0, 0)),
                arguments("preferred affinity to db's zone", preferringPods(WEB, 10, podTerm(ZONE, "app", "db")),
                        List.of(), scores(100, 100, 0, 0)),
                arguments("preferred anti-affinity to db's host", preferringAwayFrom(WEB, 10, podTerm(HOSTNAME, "app",
                        "db")), List.of(), scores(0, 100, 100, 100)),
                arguments("both: a 10-5, b 10, c and d 0", preferringAwayFrom(preferringPods(WEB, 10, podTerm(ZONE,
                        "app", "db")), 5, podTerm(HOSTNAME, "app", "db")), List.of(), scores(50, 100, 0, 0)),
                arguments("weights summed over matching pods", preferringPods(WEB, 4, podTerm(HOSTNAME, "tier", "x")),
                        List.of(on("a", labelledPod("x1", "tier", "x")), on("b", labelledPod("x2", "tier", "x")),
                                on("b", labelledPod("x3", "tier", "x"))), scores(50, 100, 0, 0)),
                arguments("a placed pod preferring web on its host", WEB,
                        List.of(on("c", preferringPods(labelledPod("fan", "app", "fan"), 20, podTerm(HOSTNAME, "app", "web")))),
                        scores(0, 0, 100, 0)),
                arguments("a placed pod requiring web counts 1 (hardPodAffinityWeight)", WEB,
                        List.of(on("b", requiringPods(labelledPod("fan", "app", "fan"), podTerm(ZONE, "app", "web")))),
                        scores(100, 100, 0, 0)),
                arguments("a placed pod preferring web away from its zone", WEB,
                        List.of(on("c", preferringAwayFrom(labelledPod("shy", "app", "shy"), 7, podTerm(ZONE, "app", "web")))),
                        scores(100, 100, 0, 100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scores(String name, Pod pod, List<Placed> added, Map<String, Long> expected) {
        assertEquals(expected, PluginRun.scores(new InterPodAffinity(), pod, cluster(added)));
    }

    /** A pod placed on a node. */
    record Placed(String node, Pod pod) {
    }

    private static Placed on(String node, Pod pod) {
        return new Placed(node, pod);
    }

    private static List<NodeInfo> cluster(List<Placed> added) {
        Map<String, Node> nodes = Map.of("a", inZone("a", "z1"), "b", inZone("b", "z1"), "c", inZone("c", "z2"),
                "d", node("d"));
        List<Placed> all = new ArrayList<>(List.of(on("a", DB), on("c", CACHE)));
        all.addAll(added);
        return Stream.of("a", "b", "c", "d").map(name -> new NodeInfo(nodes.get(name),
                all.stream().filter(p -> p.node().equals(name)).map(Placed::pod).toList())).toList();
    }

    /** Verdicts of nodes a, b, c, d in that order, e.g. "fits affinity anti existing". */
    private static Map<String, PluginStatus> verdicts(String abcd) {
        String[] words = abcd.split(" ");
        Map<String, PluginStatus> map = new TreeMap<>();
        pairs("a", words[0], "b", words[1], "c", words[2], "d", words[3]).forEach((n, w) -> map.put(n, VERDICTS.get(w)));
        return map;
    }

    private static Map<String, Long> scores(long a, long b, long c, long d) {
        return Map.of("a", a, "b", b, "c", c, "d", d);
    }

    private static Pod inNamespace(Pod pod, String namespace) {
        return new PodBuilder(pod).editMetadata().withNamespace(namespace).endMetadata().build();
    }

    private static PodAffinityTerm inNamespaces(PodAffinityTerm term, String... namespaces) {
        return new PodAffinityTermBuilder(term).withNamespaces(namespaces).build();
    }

    @Test
    void skipsFilterAndScoreOnlyWhenNeitherThePodNorAnyPlacedPodHasTerms() {
        InterPodAffinity plugin = new InterPodAffinity();
        List<NodeInfo> plain = cluster(List.of());
        Cycle cycle = new Cycle(plain);
        assertEquals(PluginStatus.skip(), plugin.preFilter(cycle, WEB));
        assertEquals(PluginStatus.skip(), plugin.preScore(cycle, WEB, plain));

        Pod own = requiringPods(WEB, podTerm(HOSTNAME, "app", "db"));
        assertEquals(PluginStatus.success(), plugin.preFilter(new Cycle(plain), own));
        Pod preferring = preferringPods(WEB, 10, podTerm(ZONE, "app", "db"));
        assertEquals(PluginStatus.success(), plugin.preScore(new Cycle(plain), preferring, plain));

        List<NodeInfo> placed = cluster(List.of(on("b", avoidingPods(CACHE, podTerm(HOSTNAME, "app", "web")))));
        assertEquals(PluginStatus.success(), plugin.preFilter(new Cycle(placed), WEB), "a placed pod's terms apply to it");
        assertEquals(PluginStatus.success(), plugin.preScore(new Cycle(placed), WEB, placed));
    }
}
