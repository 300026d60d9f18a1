package org.kybern.dns.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kybern.dns.internal.TestCluster.endpoint;
import static org.kybern.dns.internal.TestCluster.service;
import static org.kybern.dns.internal.TestCluster.slice;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS server on 127.0.0.1 over real sockets, asked with dnsjava's resolver over UDP and TCP, with
 * a fake upstream on 127.0.0.1 for names outside the cluster domain (never the host's resolvers).
 */
class DnsListenersTest {

    private static final Name ZONE = Name.fromConstantString("cluster.local.");
    private static final int MANY = 100;

    private final AtomicReference<ClusterView> view = new AtomicReference<>();
    private FakeUpstream upstream;
    private DnsListeners server;

    @BeforeEach
    void start() throws IOException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            endpoints.add(endpoint("10.0." + (i / 250) + "." + (1 + i % 250), null, true));
        }
        view.set(new TestCluster()
                .add(service("default", "web", "10.111.0.5", "http/TCP/80"))
                .add(service("default", "big", "None", "http/TCP/80"))
                .add(slice("default", "big", "big-a", endpoints, "http/TCP/8080"))
                .add(TestCluster.externalName("default", "ext", FakeUpstream.NAME.toString())));
        upstream = new FakeUpstream();
        server = listeners(new Upstream(List.of(upstream.address()), Duration.ofSeconds(2)));
    }

    private DnsListeners listeners(Upstream to) throws IOException {
        QueryHandler handler = new QueryHandler(new ClusterRecords(ZONE, 30), view::get, to);
        return new DnsListeners(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                server.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver;
    }

    private Message ask(SimpleResolver resolver, String name, int type) throws IOException {
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> answers(Message response) {
        return response.getSection(Section.ANSWER).stream()
                .map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList();
    }

    @Test
    void clusterNamesAreAnsweredOverUdpAndTcpAndNeverForwarded() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message response = ask(resolver(tcp), "web.default.svc.cluster.local.", Type.A);
            assertEquals(Rcode.NOERROR, response.getRcode());
            assertTrue(response.getHeader().getFlag(Flags.AA), "authoritative for the cluster domain");
            assertEquals(List.of("A 10.111.0.5"), answers(response));

            Message missing = ask(resolver(tcp), "nope.default.svc.cluster.local.", Type.A);
            assertEquals(Rcode.NXDOMAIN, missing.getRcode());
            assertEquals(Type.SOA, missing.getSection(Section.AUTHORITY).get(0).getType());
        }
        assertEquals(0, upstream.queries(), "a cluster name never goes upstream");
    }

    @Test
    void aClusterIpHasItsServicesNameAndOtherAddressesGoUpstream() throws IOException {
        assertEquals(List.of("PTR web.default.svc.cluster.local."),
                answers(ask(resolver(false), "5.0.111.10.in-addr.arpa.", Type.PTR)));
        assertEquals(0, upstream.queries());
        assertEquals(Rcode.NXDOMAIN, ask(resolver(false), "1.2.0.192.in-addr.arpa.", Type.PTR).getRcode());
        assertEquals(1, upstream.queries());
    }

    @Test
    void otherNamesAreForwardedUpstream() throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Message response = ask(resolver(tcp), FakeUpstream.NAME.toString(), Type.A);
            assertEquals(Rcode.NOERROR, response.getRcode());
            assertEquals(List.of("A " + FakeUpstream.ADDRESS), answers(response));
            assertEquals(Rcode.NXDOMAIN, ask(resolver(tcp), "unknown.example.", Type.A).getRcode());
        }
        assertEquals(4, upstream.queries());
    }

    @Test
    void anExternalNameIsFollowedUpstream() throws IOException {
        Message response = ask(resolver(false), "ext.default.svc.cluster.local.", Type.A);
        assertEquals(List.of("CNAME " + FakeUpstream.NAME, "A " + FakeUpstream.ADDRESS), answers(response));
    }

    @Test
    void anUpstreamThatDoesNotAnswerIsServfail() throws IOException {
        server.close();
        InetSocketAddress silent;
        try (DatagramSocket unused = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silent = (InetSocketAddress) unused.getLocalSocketAddress();
        }
        server = listeners(new Upstream(List.of(silent), Duration.ofMillis(500)));
        assertEquals(Rcode.SERVFAIL, ask(resolver(false), FakeUpstream.NAME.toString(), Type.A).getRcode());
        assertEquals(Rcode.NOERROR, ask(resolver(false), "web.default.svc.cluster.local.", Type.A).getRcode(),
                "cluster names still answer");
    }

    @Test
    void beforeTheInformersHaveListedClusterNamesAreServfailNotNxdomain() throws IOException {
        view.set(null);
        assertEquals(Rcode.SERVFAIL, ask(resolver(false), "web.default.svc.cluster.local.", Type.A).getRcode());
        assertEquals(0, upstream.queries());
        assertEquals(Rcode.NOERROR, ask(resolver(false), FakeUpstream.NAME.toString(), Type.A).getRcode());
    }

    @Test
    void aLargeUdpAnswerIsTruncatedAndTheClientGetsAllOverTcp() throws IOException {
        byte[] raw = udpExchange(Message.newQuery(Record.newRecord(
                Name.fromString("big.default.svc.cluster.local."), Type.A, DClass.IN)).toWire());
        assertTrue(raw.length <= QueryHandler.UDP_SIZE, "a client without EDNS gets at most 512 bytes: " + raw.length);
        Message truncated = new Message(raw);
        assertTrue(truncated.getHeader().getFlag(Flags.TC), "TC bit set");
        assertTrue(truncated.getSection(Section.ANSWER).size() < MANY);

        SimpleResolver udpFirst = resolver(false);
        udpFirst.setEDNS(null);
        assertEquals(MANY, ask(udpFirst, "big.default.svc.cluster.local.", Type.A).getSection(Section.ANSWER).size(),
                "dnsjava retries over TCP and gets every address");
        assertEquals(MANY, ask(resolver(true), "big.default.svc.cluster.local.", Type.A)
                .getSection(Section.ANSWER).size());
    }

    @Test
    void anEdnsClientGetsUpToItsPayloadSizeOverUdp() throws IOException {
        SimpleResolver edns = resolver(false);
        edns.setEDNS(0, 4096, 0, List.of());
        edns.setIgnoreTruncation(true);
        Message response = ask(edns, "big.default.svc.cluster.local.", Type.A);
        assertFalse(response.getHeader().getFlag(Flags.TC), "100 addresses fit in 4096 bytes");
        assertEquals(MANY, response.getSection(Section.ANSWER).size());
        assertEquals(QueryHandler.ADVERTISED_EDNS_SIZE, response.getOPT().getPayloadSize());
    }

    @Test
    void badPacketsGetFormerrOrNothingAndTheServerGoesOn() throws IOException {
        byte[] garbage = new byte[20];
        Arrays.fill(garbage, (byte) 0xff);
        garbage[0] = 0x12;
        garbage[1] = 0x34;
        garbage[2] = 0x01; // a query (QR clear) with RD
        byte[] response = udpExchange(garbage);
        assertArrayEquals(new byte[] {0x12, 0x34}, Arrays.copyOf(response, 2), "same id");
        assertEquals(Rcode.FORMERR, response[3] & 0x0f);
        assertTrue((response[2] & 0x80) != 0, "a response");
        assertThrows(SocketTimeoutException.class, () -> udpExchange(new byte[] {1, 2, 3}),
                "less than a header gets no answer");
        assertEquals(List.of("A 10.111.0.5"), answers(ask(resolver(false), "web.default.svc.cluster.local.", Type.A)));
        assertEquals(List.of("A 10.111.0.5"), answers(ask(resolver(true), "web.default.svc.cluster.local.", Type.A)));
    }

    /** Sends {@code query} in one datagram and gives the datagram that comes back within 1 s. */
    private byte[] udpExchange(byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(1000);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), server.port()));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Arrays.copyOf(packet.getData(), packet.getLength());
        }
    }
}
