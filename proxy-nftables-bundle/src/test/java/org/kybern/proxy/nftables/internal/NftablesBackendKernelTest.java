package org.kybern.proxy.nftables.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * The nftables backend on the real kernel: three pods on docker0 (network namespaces) serve as
 * endpoints, the test connects to ClusterIPs from a private range 10.111.&lt;random&gt;.0/24 from the
 * host and from a fourth pod. Needs root and nft; it fails (never skips) without them.
 */
class NftablesBackendKernelTest {

    private static final int TARGET_PORT = 8080;
    private static final int ATTEMPTS = 60;
    /** The pod that is no endpoint: a client whose connections go through the prerouting hook. */
    private static final String CLIENT = "client";

    private static TestNetwork network;
    private static List<Endpoint> endpoints;
    private static String table;
    private static NftablesBackend backend;
    private static String clusterIpPrefix;
    private static int nodePort;

    @BeforeAll
    static void setUp() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        table = "kybern_t_" + Integer.toHexString(random.nextInt(0x100000, 0x1000000));
        clusterIpPrefix = "10.111." + random.nextInt(0, 256) + ".";
        nodePort = random.nextInt(30000, 32768);
        backend = new NftablesBackend(table, new NftCommand("nft", Duration.ofSeconds(10)),
                new KernelSettings(), TestNetwork.BRIDGE, new ConntrackCommand("conntrack", Duration.ofSeconds(10)));
        network = new TestNetwork();
        endpoints = List.of(endpoint("ep1", 11), endpoint("ep2", 12), endpoint("ep3", 13));
        network.addPod(CLIENT, 100);
    }

    private static Endpoint endpoint(String name, int host) throws IOException {
        return new Endpoint(network.addEndpoint(name, host, TARGET_PORT), TARGET_PORT, "", name);
    }

    @AfterEach
    void removeTable() {
        backend.cleanUp();
    }

    @AfterAll
    static void tearDown() {
        if (backend != null) {
            backend.cleanUp();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void nftIsUsableHere() {
        assertNull(backend.unusableReason(), "the kernel tests need root and nft (apt-get install nftables)");
    }

    @Test
    void clusterIpSpreadsConnectionsOverEveryEndpoint() throws Exception {
        ServicePort web = tcp("web", 10, 0, endpoints);
        backend.sync(state(web));
        assertEquals(Set.of("ep1", "ep2", "ep3"), namesSeen(web.clusterIP(), 80, ATTEMPTS));
        assertEquals("3 endpoints, chain " + NftNames.serviceChain(web), backend.describe().get(web.key()));
        assertTrue(Commands.run("nft", "list", "chain", "ip", table, NftNames.serviceChain(web))
                .contains("numgen random mod 3"));
    }

    @Test
    void clientIpAffinitySticksToOneEndpoint() throws Exception {
        ServicePort sticky = new ServicePort("default", "sticky", "", "TCP", ip(20), 80, 0, 60, endpoints);
        backend.sync(state(sticky));
        assertEquals(1, namesSeen(sticky.clusterIP(), 80, 20).size());
    }

    @Test
    void clientIpAffinitySurvivesResyncs() throws Exception {
        ServicePort sticky = new ServicePort("default", "sticky", "", "TCP", ip(21), 80, 0, 60, endpoints);
        backend.sync(state(sticky));
        String first = ask(sticky.clusterIP(), 80).split(" ")[0];
        // each resync replaces the table; without carrying the affinity sets over, a client would
        // stay on its endpoint after all five with a chance of 1 in 243
        for (int i = 0; i < 5; i++) {
            ServicePort other = tcp("other" + i, 22 + i, 0, endpoints);
            backend.update(state(sticky, other), Set.of(other.key()));
            assertEquals(Set.of(first), namesSeen(sticky.clusterIP(), 80, 3), "after resync " + i);
        }
    }

    @Test
    void nodePortAnswersOnLoopback() throws Exception {
        backend.sync(state(tcp("web", 30, nodePort, endpoints)));
        String answer = ask("127.0.0.1", nodePort);
        assertTrue(answer.matches("ep[123] " + TestNetwork.GATEWAY), "masqueraded to the bridge: " + answer);
    }

    @Test
    void updateStopsNewConnectionsToRemovedEndpoint() throws Exception {
        backend.sync(state(tcp("web", 40, 0, endpoints)));
        ServicePort shrunk = tcp("web", 40, 0, endpoints.subList(0, 2));
        backend.update(state(shrunk), Set.of(shrunk.key()));
        assertEquals(Set.of("ep1", "ep2"), namesSeen(shrunk.clusterIP(), 80, ATTEMPTS));
    }

    @Test
    void portWithoutEndpointsRefusesAtOnce() throws Exception {
        ServicePort empty = tcp("empty", 50, nodePort, List.of());
        ServicePort web = tcp("web", 51, 0, endpoints);
        ServicePort emptyDns = new ServicePort("default", "dns", "", "UDP", ip(52), 53, 0, 0, List.of());
        backend.sync(state(empty, web, emptyDns));
        assertRefused(new InetSocketAddress(empty.clusterIP(), 80));
        assertRefused(new InetSocketAddress("127.0.0.1", nodePort));
        assertRefused(new InetSocketAddress(web.clusterIP(), 81)); // a port the service lacks
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.connect(InetAddress.getByName(emptyDns.clusterIP()), 53);
            // the host's own datagram is rejected on its way out: send fails (EPERM), else ICMP arrives
            IOException failure = assertThrows(IOException.class, () -> {
                socket.send(new DatagramPacket(new byte[] {1}, 1));
                socket.receive(new DatagramPacket(new byte[9], 9));
            });
            assertFalse(failure instanceof SocketTimeoutException, "refused, not timed out");
        }
        // from a pod the packet is forwarded: rejected before Docker's forward policy could drop it
        String answer = network.connectFrom(CLIENT, empty.clusterIP(), 80);
        assertTrue(answer.contains("Connection refused"), answer);
    }

    private static void assertRefused(InetSocketAddress target) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(target, 5000), target.toString());
        }
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused, not timed out: " + target);
    }

    @Test
    void udpServiceAnswers() throws Exception {
        ServicePort dns = new ServicePort("kube-system", "dns", "dns", "UDP", ip(60), 53, 0, 0, endpoints);
        backend.sync(state(dns));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            byte[] query = "hello".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getByName(dns.clusterIP()), 53));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            socket.receive(reply);
            String answer = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
            assertTrue(answer.matches("ep[123] .*\n"), answer);
            assertEquals(dns.clusterIP(), reply.getAddress().getHostAddress(), "the reply comes from the ClusterIP");
        }
    }

    /**
     * A pod's UDP flow that began while the ClusterIP was a local address answering for itself (as
     * under the userspace backend) is ended when the backend takes the ClusterIP over, so the pod's next
     * datagram from the same port is translated like a new one. Meanwhile a blackhole route holds the
     * ClusterIP: an untranslated datagram is dropped on the host, never sent on by the default route.
     */
    @Test
    void aUdpFlowThatBeganBeforeTheTableIsEndedAndThenTranslated() throws Exception {
        String clusterIP = ip(62);
        int sourcePort = ThreadLocalRandom.current().nextInt(20000, 30000);
        Commands.run("ip", "route", "add", "blackhole", clusterIP + "/32");
        try {
            Commands.run("ip", "addr", "add", clusterIP + "/32", "dev", "lo");
            try (DatagramSocket local = new DatagramSocket(new InetSocketAddress(clusterIP, 53))) {
                Thread answer = new Thread(() -> {
                    try {
                        DatagramPacket query = new DatagramPacket(new byte[100], 100);
                        local.receive(query);
                        byte[] reply = "local\n".getBytes(StandardCharsets.UTF_8);
                        local.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
                    } catch (IOException e) {
                        // the pod's side reports no answer
                    }
                }, "test-local-udp");
                answer.start();
                assertEquals("local", network.udpFrom(CLIENT, sourcePort, clusterIP, 53), "before the table");
                answer.join(5000);
            } finally {
                Commands.run("ip", "addr", "del", clusterIP + "/32", "dev", "lo");
            }

            backend.sync(state(new ServicePort("kube-system", "dns", "dns", "UDP", clusterIP, 53, 0, 0, endpoints)));
            String answer = network.udpFrom(CLIENT, sourcePort, clusterIP, 53);
            assertTrue(answer.matches("ep[123] .*"), "the same flow, translated now: " + answer);
        } finally {
            Commands.run("ip", "route", "del", "blackhole", clusterIP + "/32");
        }
    }

    /**
     * A UDP client that keeps its source port (one flow to the kernel) moves to the remaining endpoint
     * when its endpoint leaves the service: the flow translated to the old one is ended.
     */
    @Test
    void aUdpFlowToARemovedEndpointIsEndedAndMovesOn() throws Exception {
        int sourcePort = ThreadLocalRandom.current().nextInt(30000, 40000);
        String clusterIP = ip(63);
        backend.sync(state(new ServicePort("kube-system", "dns", "dns", "UDP", clusterIP, 53, 0, 0,
                endpoints.subList(0, 1))));
        assertTrue(network.udpFrom(CLIENT, sourcePort, clusterIP, 53).startsWith("ep1 "), "the one endpoint");

        backend.sync(state(new ServicePort("kube-system", "dns", "dns", "UDP", clusterIP, 53, 0, 0,
                endpoints.subList(1, 2))));
        String answer = network.udpFrom(CLIENT, sourcePort, clusterIP, 53);
        assertTrue(answer.startsWith("ep2 "), "the same flow reaches the endpoint left: " + answer);
    }

    @Test
    void podReachesClusterIpOnTheSameBridge() throws Exception {
        ServicePort web = tcp("web", 70, 0, endpoints);
        backend.sync(state(web));
        for (int i = 0; i < 5; i++) {
            String answer = network.connectFrom(CLIENT, web.clusterIP(), 80);
            // masqueraded: the endpoint answers the host, whose conntrack undoes both translations
            assertTrue(answer.matches("ep[123] " + TestNetwork.GATEWAY), answer);
        }
    }

    @Test
    void podReachesItselfThroughItsService() throws Exception {
        ServicePort self = tcp("self", 71, 0, endpoints.subList(0, 1));
        backend.sync(state(self));
        // without masquerading, ep1 would get a packet from its own address and answer it locally
        assertEquals("ep1 " + TestNetwork.GATEWAY, network.connectFrom("ep1", self.clusterIP(), 80));
    }

    @Test
    void cleanUpLeavesNoTable() throws Exception {
        backend.sync(state(tcp("web", 80, nodePort, endpoints)));
        assertTrue(tables().contains("table ip " + table), tables());
        backend.cleanUp();
        assertFalse(tables().contains("table ip " + table), tables());
        backend.cleanUp(); // nothing left: still fine
    }

    @Test
    void failedSyncKeepsThePreviousRules() throws Exception {
        ServicePort web = tcp("web", 90, 0, endpoints);
        backend.sync(state(web));
        Endpoint bad = new Endpoint(network.address(1).replaceAll("\\.1$", ".300"), TARGET_PORT, "", "");
        ProxyException failure = assertThrows(ProxyException.class,
                () -> backend.sync(state(web, tcp("bad", 91, 0, List.of(bad)))));
        assertTrue(failure.getMessage().contains("Error"), "nft's stderr: " + failure.getMessage());
        assertTrue(ask(web.clusterIP(), 80).matches("ep[123] .*"));
    }

    private static String tables() {
        return Commands.run("nft", "list", "tables");
    }

    private static ServicePort tcp(String name, int host, int nodePort, List<Endpoint> backends) {
        return new ServicePort("default", name, "", "TCP", ip(host), 80, nodePort, 0, backends);
    }

    private static String ip(int host) {
        return clusterIpPrefix + host;
    }

    private static ProxyState state(ServicePort... ports) {
        return new ProxyState(List.of(ports), List.of("127.0.0.1"));
    }

    /** The endpoint names answering {@code attempts} connections, stopping once all three answered. */
    private static Set<String> namesSeen(String ip, int port, int attempts) throws IOException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attempts && names.size() < 3; i++) {
            names.add(ask(ip, port).split(" ")[0]);
        }
        return names;
    }

    /** Connects from the host and returns the endpoint's answer "name client-address". */
    private static String ask(String ip, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2000);
            socket.setSoTimeout(2000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }
}
