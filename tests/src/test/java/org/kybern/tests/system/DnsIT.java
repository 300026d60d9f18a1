package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster DNS on the running distribution, configured for the test through
 * {@code etc/org.kybern.dns.cfg} to listen on 127.0.0.1 and a free port (an upstream on 127.0.0.1 that
 * does not answer: no query leaves the machine): it makes the kube-dns Service with ClusterIP
 * 10.96.0.10 and its EndpointSlice, fixes the Service when it is changed, answers Services' names
 * from the API, and replaces its slice when its configuration changes back to what
 * {@code ./kybern up} wrote (the defaults, which {@link ServicesIT} uses from pods).
 */
@ExtendWith(SharedCluster.class)
class DnsIT {

    private static final String NS = "dns-it";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static Path config;
    private static String original;
    private static int port;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        Pods.createNamespace(client, NS);
        port = KybernCluster.freePort();
        config = cluster.stateDir().resolve("karaf/etc/org.kybern.dns.cfg");
        original = Files.readString(config);
        Files.writeString(config, String.join("\n", "listenAddress = 127.0.0.1", "port = " + port,
                "addListenAddress = false", "upstream = 127.0.0.1:" + KybernCluster.freePort(),
                "upstreamTimeoutMillis = 500", "nodeName = dns-it", ""));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (client == null) {
            return;
        }
        try {
            Files.writeString(config, original);
            Await.until(SETTLE, "the test's EndpointSlice gone with its configuration", () -> slice() == null
                    ? "gone" : "present", "gone"::equals);
            Await.until(SETTLE, "kube-dns's EndpointSlice at the default 169.254.20.10:53 again",
                    () -> client.discovery().v1().endpointSlices().inNamespace("kube-system")
                            .withLabel("endpointslice.kubernetes.io/managed-by", "kybern-dns").list().getItems(),
                    slices -> slices.size() == 1
                            && slices.get(0).getEndpoints().get(0).getAddresses().equals(List.of("169.254.20.10")));
        } finally {
            client.namespaces().withName(NS).delete();
            client.close();
        }
    }

    private static EndpointSlice slice() {
        return client.discovery().v1().endpointSlices().inNamespace("kube-system").withName("kube-dns-dns-it").get();
    }

    private static Service kubeDns() {
        return client.services().inNamespace("kube-system").withName("kube-dns").get();
    }

    @Test
    void theKubeDnsServiceAndItsSliceAreKeptPointingAtTheServer() throws Exception {
        Service service = Await.until(SETTLE, "Service kube-system/kube-dns", DnsIT::kubeDns, s -> true);
        assertEquals("10.96.0.10", service.getSpec().getClusterIP(), "the API server honours the well-known IP");
        assertEquals(List.of("dns/UDP/53", "dns-tcp/TCP/53"), service.getSpec().getPorts().stream()
                .map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort()).toList());
        EndpointSlice slice = Await.until(SETTLE, "EndpointSlice kube-dns-dns-it", DnsIT::slice, s -> true);
        assertEquals(List.of("127.0.0.1"), slice.getEndpoints().get(0).getAddresses());
        assertEquals(List.of(port, port), slice.getPorts().stream().map(p -> p.getPort()).toList());

        // A merge patch, as kubectl patch would send: the server keeps changing nothing else meanwhile.
        client.services().inNamespace("kube-system").withName("kube-dns")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"selector\":{\"app\":\"other\"}}}");
        Await.until(SETTLE, "the selector taken off kube-dns again", DnsIT::kubeDns,
                s -> s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty());
        assertEquals("kybern-dns", slice().getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"),
                "the EndpointSlice controller leaves a slice it does not manage alone");
    }

    @Test
    void servicesAreFoundByName() throws Exception {
        Service web = client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("web")
                .endMetadata().withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withName("http")
                .withPort(80).endPort().endSpec().build()).create();
        String ip = web.getSpec().getClusterIP();
        Await.until(SETTLE, "web.dns-it.svc.cluster.local -> " + ip, () -> answers("web." + NS + ".svc.cluster.local.",
                Type.A), List.of("A " + ip)::equals);
        assertEquals(List.of("SRV 0 100 80 web.dns-it.svc.cluster.local."),
                answers("_http._tcp.web." + NS + ".svc.cluster.local.", Type.SRV));
        assertEquals(List.of("PTR web.dns-it.svc.cluster.local."),
                answers(ReverseMap.fromAddress(ip).toString(), Type.PTR));

        client.resource(new ServiceBuilder().withNewMetadata().withNamespace(NS).withName("db").endMetadata()
                .withNewSpec().withClusterIP("None").addNewPort().withName("pg").withPort(5432).endPort().endSpec()
                .build()).create();
        client.resource(new EndpointSliceBuilder().withNewMetadata().withNamespace(NS).withName("db-manual")
                .withLabels(Map.of("kubernetes.io/service-name", "db", "endpointslice.kubernetes.io/managed-by", NS))
                .endMetadata().withAddressType("IPv4")
                .withEndpoints(new EndpointBuilder().withAddresses("10.0.0.1").withHostname("db-0").withNewConditions()
                        .withReady(true).endConditions().build()).build()).create();
        Await.until(SETTLE, "db-0.db.dns-it.svc.cluster.local -> 10.0.0.1",
                () -> answers("db-0.db." + NS + ".svc.cluster.local.", Type.A), List.of("A 10.0.0.1")::equals);
        assertEquals(List.of("A 10.0.0.1"), answers("db." + NS + ".svc.cluster.local.", Type.A));
        assertEquals(Rcode.NXDOMAIN, ask("nope." + NS + ".svc.cluster.local.", Type.A).getRcode());
        assertEquals(Rcode.SERVFAIL, ask("forwarded.example.", Type.A).getRcode(), "an upstream that does not answer");
    }

    private static Message ask(String name, int type) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        resolver.setTimeout(Duration.ofSeconds(2));
        try {
            return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        } catch (IOException e) {
            return null; // not listening yet
        }
    }

    private static List<String> answers(String name, int type) {
        Message response = ask(name, type);
        return response == null ? null : response.getSection(Section.ANSWER).stream()
                .map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList();
    }
}
