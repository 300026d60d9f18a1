package org.kybern.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kybern.dns.internal.TestCluster.endpoint;
import static org.kybern.dns.internal.TestCluster.service;
import static org.kybern.dns.internal.TestCluster.slice;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The cluster domain's records as Kubernetes' DNS specification has them, question by question. */
class ClusterRecordsTest {

    private static final Name ZONE = Name.fromConstantString("cluster.local.");
    private final ClusterRecords records = new ClusterRecords(ZONE, 30);
    private final TestCluster cluster = new TestCluster()
            .add(service("default", "web", "10.111.0.5", "http/TCP/80", "stats/UDP/9000"))
            .add(service("other", "web", "10.111.0.6", "http/TCP/80"))
            .add(service("default", "db", "None", "pg/TCP/5432"))
            .add(slice("default", "db", "db-a", List.of(endpoint("10.0.0.1", "db-0", true),
                    endpoint("10.0.0.2", null, null), endpoint("10.0.0.3", "db-2", false)), "pg/TCP/5433"))
            .add(slice("default", "db", "db-b", List.of(endpoint("10.0.0.4", null, true)), "pg/TCP/5433"))
            .add(service("default", "empty", "None", "pg/TCP/5432"))
            .add(new ServiceBuilder(service("default", "all", "None", "pg/TCP/5432")).editSpec()
                    .withPublishNotReadyAddresses(true).endSpec().build())
            .add(slice("default", "all", "all-a", List.of(endpoint("10.0.1.1", "starting", false)), "pg/TCP/5432"))
            .add(TestCluster.externalName("default", "ext", "example.org"));

    static Stream<Arguments> questions() {
        return Stream.of(
                // name, type, rcode, answers
                Arguments.of("web.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.111.0.5")),
                Arguments.of("WEB.Default.SVC.Cluster.LOCAL.", Type.A, Rcode.NOERROR, List.of("A 10.111.0.5")),
                Arguments.of("web.other.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.111.0.6")),
                Arguments.of("web.default.svc.cluster.local.", Type.AAAA, Rcode.NOERROR, List.of()),
                Arguments.of("web.default.svc.cluster.local.", Type.MX, Rcode.NOERROR, List.of()),
                Arguments.of("nope.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("web.nons.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("www.example.com.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("web.default.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("x.web.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of()),
                Arguments.of("nons.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("svc.cluster.local.", Type.A, Rcode.NOERROR, List.of()),
                // headless: ready endpoints only, across slices
                Arguments.of("db.default.svc.cluster.local.", Type.A, Rcode.NOERROR,
                        List.of("A 10.0.0.1", "A 10.0.0.2", "A 10.0.0.4")),
                Arguments.of("db-0.db.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.0.0.1")),
                Arguments.of("10-0-0-2.db.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.0.0.2")),
                Arguments.of("db-2.db.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("db-0.db.default.svc.cluster.local.", Type.AAAA, Rcode.NOERROR, List.of()),
                Arguments.of("empty.default.svc.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("all.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.0.1.1")),
                // SRV: named ports; headless: one per endpoint host with the endpoint's port
                Arguments.of("_http._tcp.web.default.svc.cluster.local.", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 100 80 web.default.svc.cluster.local.")),
                Arguments.of("_STATS._UDP.web.default.svc.cluster.local.", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 100 9000 web.default.svc.cluster.local.")),
                Arguments.of("_http._udp.web.default.svc.cluster.local.", Type.SRV, Rcode.NXDOMAIN, List.of()),
                Arguments.of("_ftp._tcp.web.default.svc.cluster.local.", Type.SRV, Rcode.NXDOMAIN, List.of()),
                Arguments.of("_http._tcp.web.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of()),
                Arguments.of("_pg._tcp.db.default.svc.cluster.local.", Type.SRV, Rcode.NOERROR,
                        List.of("SRV 0 100 5433 db-0.db.default.svc.cluster.local.",
                                "SRV 0 100 5433 10-0-0-2.db.default.svc.cluster.local.",
                                "SRV 0 100 5433 10-0-0-4.db.default.svc.cluster.local.")),
                // ExternalName, pods, the zone itself
                Arguments.of("ext.default.svc.cluster.local.", Type.A, Rcode.NOERROR, List.of("CNAME example.org.")),
                Arguments.of("ext.default.svc.cluster.local.", Type.CNAME, Rcode.NOERROR, List.of("CNAME example.org.")),
                Arguments.of("10-1-2-3.default.pod.cluster.local.", Type.A, Rcode.NOERROR, List.of("A 10.1.2.3")),
                Arguments.of("300-1-2-3.default.pod.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("web.default.pod.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("cluster.local.", Type.SOA, Rcode.NOERROR,
                        List.of("SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30")),
                Arguments.of("cluster.local.", Type.NS, Rcode.NOERROR, List.of("NS ns.dns.cluster.local.")),
                Arguments.of("dns-version.cluster.local.", Type.TXT, Rcode.NOERROR, List.of("TXT \"1.1.0\"")),
                Arguments.of("other.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("questions")
    void answers(String name, int type, int rcode, List<String> answers) {
        ClusterRecords.Answer answer = records.answer(cluster, Name.fromConstantString(name), type);
        assertEquals(Rcode.string(rcode), Rcode.string(answer.rcode()), name);
        assertEquals(answers, answer.answers().stream().map(r -> Type.string(r.getType()) + " " + r.rdataToString())
                .toList(), name);
        for (Record record : answer.answers()) {
            assertEquals(Name.fromConstantString(name), record.getName(), "answers are for the name asked");
            assertEquals(30, record.getTTL());
        }
        if (answers.isEmpty()) {
            assertEquals(List.of("SOA"), answer.authority().stream().map(r -> Type.string(r.getType())).toList(),
                    "a negative answer carries the zone's SOA, so that it is cached");
        }
    }

    @Test
    void srvAnswersComeWithTheTargetsAddresses() {
        ClusterRecords.Answer headless = records.answer(cluster,
                Name.fromConstantString("_pg._tcp.db.default.svc.cluster.local."), Type.SRV);
        assertEquals(List.of("db-0.db.default.svc.cluster.local. A 10.0.0.1",
                "10-0-0-2.db.default.svc.cluster.local. A 10.0.0.2", "10-0-0-4.db.default.svc.cluster.local. A 10.0.0.4"),
                headless.additional().stream().map(r -> r.getName() + " " + Type.string(r.getType()) + " "
                        + r.rdataToString()).toList());
        ClusterRecords.Answer normal = records.answer(cluster,
                Name.fromConstantString("_http._tcp.web.default.svc.cluster.local."), Type.SRV);
        assertEquals(List.of("web.default.svc.cluster.local. A 10.111.0.5"), normal.additional().stream()
                .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString()).toList());
    }

    static Stream<Arguments> reverseQuestions() {
        return Stream.of(
                Arguments.of("5.0.111.10.in-addr.arpa.", List.of("PTR web.default.svc.cluster.local.")),
                Arguments.of("6.0.111.10.IN-ADDR.ARPA.", List.of("PTR web.other.svc.cluster.local.")),
                Arguments.of("1.0.0.10.in-addr.arpa.", List.of("PTR db-0.db.default.svc.cluster.local.")),
                // not ours: no hostname, not ready, unknown, not an address: asked upstream
                Arguments.of("2.0.0.10.in-addr.arpa.", null),
                Arguments.of("3.0.0.10.in-addr.arpa.", null),
                Arguments.of("9.9.111.10.in-addr.arpa.", null),
                Arguments.of("0.111.10.in-addr.arpa.", null),
                Arguments.of("x.0.111.10.in-addr.arpa.", null),
                Arguments.of("5.0.111.10.example.", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reverseQuestions")
    void reverseAnswers(String name, List<String> answers) {
        ClusterRecords.Answer answer = records.reverse(cluster, Name.fromConstantString(name));
        assertEquals(answers, answer == null ? null : answer.answers().stream()
                .map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList(), name);
    }

    @Test
    void onlyNamesInTheClusterDomainAreOurs() {
        assertTrue(records.inZone(Name.fromConstantString("a.b.CLUSTER.local.")));
        assertTrue(records.inZone(Name.fromConstantString("cluster.local.")));
        assertEquals(false, records.inZone(Name.fromConstantString("example.com.")));
        assertEquals(false, records.inZone(Name.fromConstantString("local.")));
        assertEquals(false, records.inZone(Name.fromConstantString("notcluster.local.")));
    }
}
