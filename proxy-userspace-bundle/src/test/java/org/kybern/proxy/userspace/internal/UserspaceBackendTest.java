package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * The userspace backend with real sockets and real addresses on {@code lo} (needs root and iproute2):
 * three {@link NameEndpoint}s on 127.0.0.2-4 behind ClusterIPs of the test's own 10.111.x.0/24 range.
 */
class UserspaceBackendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 5000;
    private static final int PORT = 8080;
    private static final List<String> NODE_ADDRESSES = List.of("127.0.0.1");

    private TestAddresses range;
    private UserspaceBackend backend;
    private final List<NameEndpoint> endpoints = new ArrayList<>();
    private Set<String> names;

    @BeforeEach
    void setUp() throws Exception {
        range = new TestAddresses();
        for (int i = 0; i < 3; i++) {
            endpoints.add(new NameEndpoint("ep" + i, "127.0.0." + (i + 2)));
        }
        names = endpoints.stream().map(NameEndpoint::name).collect(Collectors.toSet());
        backend = backend(5, 30);
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            backend.deactivate();
        } finally {
            range.removeAll();
            for (NameEndpoint endpoint : endpoints) {
                endpoint.close();
            }
        }
    }

    private static UserspaceBackend backend(int drainSeconds, int udpIdleSeconds) throws IOException {
        return new UserspaceBackend(new Settings("lo", "ip", drainSeconds, udpIdleSeconds, 2, 64 * 1024, 1024 * 1024, 4));
    }

    private List<Endpoint> all() {
        return endpoints.stream().map(NameEndpoint::endpoint).toList();
    }

    private ServicePort tcp(String name, int host, int nodePort, int affinity, List<Endpoint> eps) {
        return new ServicePort("test", name, "", "TCP", range.ip(host), PORT, nodePort, affinity, eps);
    }

    private static ProxyState state(ServicePort... ports) {
        return new ProxyState(List.of(ports), NODE_ADDRESSES);
    }

    /** Connects (from {@code from}, or any address when null) and asks the endpoint's name. */
    private static String ask(String host, int port, String from) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return askOn(socket);
        }
    }

    private static String askOn(Socket socket) throws IOException {
        socket.getOutputStream().write("name\n".getBytes(StandardCharsets.UTF_8));
        return NameEndpoint.readLine(socket.getInputStream());
    }

    private static Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private Set<String> askTimes(int times, String host, int port) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < times; i++) {
            seen.add(ask(host, port, null));
        }
        return seen;
    }

    @Test
    void roundRobinReachesEveryEndpointThroughTheClusterIpOnLo() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));

        assertEquals(Set.of(range.ip(1)), range.onLo(), "the ClusterIP is a local address of lo");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(ask(range.ip(1), PORT, null));
        }
        assertEquals(names, new HashSet<>(answers), "round robin reaches all 3 endpoints");
        assertEquals(answers.subList(0, 3), answers.subList(3, 6), "round robin repeats in order");
        Conditions.await("the relay counts 6 connections, all closed", WAIT,
                () -> backend.describe().equals(Map.of("test/web:", "connections: 0 (total 6)")));
    }

    /**
     * The node's own connections to a ClusterIP come from 127.0.0.1, not from the ClusterIP: while the
     * proxy switches to nftables, such a connection may be DNATed to a pod, whose answers must still
     * find the node after this backend has taken the ClusterIP off lo.
     */
    @Test
    void theNodeReachesAClusterIpFromLoopbackAndNoRouteOutlivesTheAddress() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        try (Socket socket = open(range.ip(1), PORT)) {
            assertEquals("127.0.0.1", socket.getLocalAddress().getHostAddress(), "the node's source address");
            assertTrue(names.contains(askOn(socket)));
        }
        assertEquals(Set.of(range.ip(1)), range.localRoutes());

        backend.cleanUp();
        assertEquals(Set.of(), range.onLo(), "the ClusterIP left lo");
        assertEquals(Set.of(), range.localRoutes(), "and so did its local route: the node no longer takes it for its own");
    }

    @Test
    void clientIpAffinityKeepsEachClientOnItsEndpoint() throws Exception {
        backend.sync(state(tcp("sticky", 1, 0, 60, all())));

        Set<String> firstChoices = new HashSet<>();
        for (String client : List.of("127.0.0.11", "127.0.0.12", "127.0.0.13")) {
            String first = ask(range.ip(1), PORT, client);
            for (int i = 0; i < 4; i++) {
                assertEquals(first, ask(range.ip(1), PORT, client), client + " sticks to its endpoint");
            }
            firstChoices.add(first);
        }
        assertEquals(names, firstChoices, "new clients are still spread round robin");
    }

    @Test
    void nodePortAnswersOnTheNodeAddresses() throws Exception {
        int nodePort = freePort();
        backend.sync(state(tcp("np", 1, nodePort, 0, all())));

        assertEquals(names, askTimes(3, "127.0.0.1", nodePort));
        assertEquals(names, askTimes(3, range.ip(1), PORT));
    }

    @Test
    void aPodInItsOwnNetworkNamespaceReachesTheClusterIpAndNodeAddressesAndKeepsItsAffinity() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 60, all())));
        try (PodNamespace pod = new PodNamespace(range.ip(249), range.ip(250))) {
            String first = pod.askName(range.ip(1), PORT);
            assertTrue(names.contains(first), first);
            assertEquals(first, pod.askName(range.ip(1), PORT), "the pod's own IP has the affinity");
            String host = ask(range.ip(1), PORT, null);
            assertNotEquals(first, host, "the host is another client, placed round robin");
        }
    }

    @Test
    void anEndpointThatIsDownIsSkipped() throws Exception {
        List<Endpoint> withDeadOne = new ArrayList<>(all());
        withDeadOne.add(0, new Endpoint("127.0.0.9", freePort(), "node", "dead"));
        backend.sync(state(tcp("flaky", 1, 0, 0, withDeadOne)));

        assertEquals(names, askTimes(8, range.ip(1), PORT), "every request succeeds via a live endpoint");
    }

    @Test
    void whenEveryEndpointIsDownTheClientIsClosedAfterOneTryOfEach() throws Exception {
        List<Endpoint> dead = List.of(new Endpoint("127.0.0.9", freePort(), "node", "dead1"),
                new Endpoint("127.0.0.10", freePort(), "node", "dead2"));
        backend.sync(state(tcp("down", 1, 0, 0, dead)));

        try (Socket socket = open(range.ip(1), PORT)) {
            socket.getOutputStream().write("name\n".getBytes(StandardCharsets.UTF_8));
            try {
                assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
            } catch (SocketException reset) {
                assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            }
        }
        Conditions.await("the relay counts the connection closed", WAIT,
                () -> backend.describe().equals(Map.of("test/down:", "connections: 0 (total 1)")));
    }

    @Test
    void removingAnEndpointKeepsItsOpenConnectionButNewOnesAvoidIt() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        try (Socket established = open(range.ip(1), PORT)) {
            String first = askOn(established);
            List<Endpoint> rest = all().stream().filter(e -> !e.podName().equals(first)).toList();

            backend.update(state(tcp("web", 1, 0, 0, rest)), Set.of("test/web:"));

            assertEquals(first, askOn(established), "the established connection goes on");
            Set<String> later = askTimes(6, range.ip(1), PORT);
            assertFalse(later.contains(first), "new connections avoid the removed endpoint: " + later);
            assertEquals(2, later.size());
        }
    }

    @Test
    void aServicePortWithoutEndpointsRefusesConnections() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        assertNotNull(ask(range.ip(1), PORT, null));

        backend.update(state(tcp("web", 1, 0, 0, List.of())), Set.of("test/web:"));

        assertThrows(ConnectException.class, () -> ask(range.ip(1), PORT, null));
        assertEquals(Set.of(range.ip(1)), range.onLo(), "the ClusterIP stays local, so refused, not routed away");

        backend.update(state(tcp("web", 1, 0, 0, all())), Set.of("test/web:"));
        assertTrue(names.contains(ask(range.ip(1), PORT, null)), "endpoints back: served again");
    }

    @Test
    void anAddressLeftByOneServicePortIsTakenByAnotherInOneSync() throws Exception {
        backend.sync(state(tcp("old", 1, 0, 0, all().subList(0, 1))));
        assertEquals("ep0", ask(range.ip(1), PORT, null));

        backend.sync(state(tcp("new", 1, 0, 0, all().subList(1, 2))));

        assertEquals("ep1", ask(range.ip(1), PORT, null));
        assertEquals(Set.of("test/new:"), backend.describe().keySet());
    }

    private ServicePort udp(List<Endpoint> eps) {
        return new ServicePort("test", "dns", "dns", "UDP", range.ip(2), 5353, 0, 0, eps);
    }

    /** Sends {@code text} to the UDP service port and returns the answering endpoint's name. */
    private String exchange(DatagramSocket client, String text) throws IOException {
        byte[] ping = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(ping, ping.length, new InetSocketAddress(range.ip(2), 5353)));
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        client.receive(reply);
        assertEquals(new InetSocketAddress(range.ip(2), 5353), reply.getSocketAddress(),
                "the reply comes from the ClusterIP");
        String[] words = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8).split(" ");
        assertEquals(text, words[1]);
        return words[0];
    }

    private static DatagramSocket udpClient() throws SocketException {
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        client.setSoTimeout(TIMEOUT_MILLIS);
        return client;
    }

    @Test
    void udpIsRelayedAndRepliesComeFromTheClusterIp() throws Exception {
        backend.sync(state(udp(all())));

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            try (DatagramSocket client = udpClient()) {
                String first = exchange(client, "ping0");
                assertEquals(first, exchange(client, "ping1"), "one client address, one session");
                seen.add(first);
            }
        }
        assertEquals(names, seen, "each client address gets its own session, round robin");
        assertEquals(Map.of("test/dns:dns", "connections: 3 (total 3)"), backend.describe());
    }

    @Test
    void anIdleUdpSessionEndsAndAClientOfARemovedEndpointMovesOn() throws Exception {
        backend.deactivate();
        backend = backend(5, 1);
        backend.sync(state(udp(all())));
        try (DatagramSocket client = udpClient()) {
            String first = exchange(client, "a");
            assertEquals(Map.of("test/dns:dns", "connections: 1 (total 1)"), backend.describe());
            Conditions.await("the idle session ended", WAIT,
                    () -> backend.describe().equals(Map.of("test/dns:dns", "connections: 0 (total 1)")));

            String second = exchange(client, "b");
            assertNotEquals(first, second, "a new session, placed round robin");
            assertEquals(Map.of("test/dns:dns", "connections: 1 (total 2)"), backend.describe());
            List<Endpoint> rest = all().stream().filter(e -> !e.podName().equals(second)).toList();
            backend.update(state(udp(rest)), Set.of("test/dns:dns"));

            assertNotEquals(second, exchange(client, "c"), "the session of a removed endpoint ended");
        }
    }

    @Test
    void twoHundredConcurrentConnectionsShareOneRelayThread() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        Set<Thread> before = nonTestThreads();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = open(range.ip(1), PORT);
                sockets.add(socket);
                socket.getOutputStream().write("name\n".getBytes(StandardCharsets.UTF_8));
            }
            Set<String> seen = new HashSet<>();
            for (Socket socket : sockets) {
                seen.add(NameEndpoint.readLine(socket.getInputStream()));
            }
            assertEquals(names, seen);
            assertEquals(Map.of("test/web:", "connections: 200 (total 200)"), backend.describe());
            Set<Thread> added = nonTestThreads();
            added.removeAll(before);
            assertTrue(added.size() <= 1, "relaying 200 connections started threads: " + added);
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(UserspaceBackend.THREAD_NAME)).count());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        Conditions.await("all 200 relayed connections closed", WAIT,
                () -> backend.describe().get("test/web:").startsWith("connections: 0 "));
    }

    private static Set<Thread> nonTestThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("test-"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void fiftyMegabytesGoThroughIntactBothWays() throws Exception {
        backend.sync(state(tcp("bulk", 1, 0, 0, all())));
        byte[] data = NameEndpoint.data(50 * 1024 * 1024);

        try (Socket upload = open(range.ip(1), PORT)) {
            OutputStream out = upload.getOutputStream();
            out.write("sink\n".getBytes(StandardCharsets.UTF_8));
            out.write(data);
            upload.shutdownOutput();
            assertEquals(NameEndpoint.sha256(data), NameEndpoint.readLine(upload.getInputStream()),
                    "the endpoint got every byte, and the half-close reached it");
        }
        try (Socket download = open(range.ip(1), PORT)) {
            download.getOutputStream().write(("source " + data.length + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] received = download.getInputStream().readAllBytes();
            assertEquals(data.length, received.length);
            assertArrayEquals(data, received);
        }
    }

    @Test
    void cleanUpLetsOpenConnectionsFinishThenRemovesListenersAndAddresses() throws Exception {
        int nodePort = freePort();
        backend.sync(state(tcp("web", 1, nodePort, 0, all())));
        try (Socket established = open(range.ip(1), PORT)) {
            String first = askOn(established);
            AtomicReference<Long> cleanUpEnded = new AtomicReference<>();
            Thread cleanUp = new Thread(() -> {
                backend.cleanUp();
                cleanUpEnded.set(System.nanoTime());
            }, "test-cleanup");
            cleanUp.start();

            Conditions.await("the NodePort listener is closed", WAIT, () -> refuses("127.0.0.1", nodePort));
            assertEquals(first, askOn(established), "an open connection may finish while draining");
            assertNull(cleanUpEnded.get(), "cleanUp waits for the open connection");
            established.close();
            long closed = System.nanoTime();
            cleanUp.join(WAIT.toMillis());
            assertNotNull(cleanUpEnded.get(), "cleanUp returned");
            assertTrue(cleanUpEnded.get() - closed < Duration.ofSeconds(3).toNanos(),
                    "cleanUp returned as soon as the last connection ended, not after the 5 s drain");
        }
        assertEquals(Set.of(), range.onLo(), "the ClusterIP left lo");
        assertEquals(Set.of(), backend.addedAddresses());
        assertEquals(Map.of(), backend.describe());
    }

    @Test
    void cleanUpClosesConnectionsStillOpenAfterTheDrainTime() throws Exception {
        backend.deactivate();
        backend = backend(1, 30);
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        try (Socket idle = open(range.ip(1), PORT)) {
            assertNotNull(askOn(idle));

            backend.cleanUp();

            InputStream in = idle.getInputStream();
            try {
                assertEquals(-1, in.read(), "the relay closed the connection");
            } catch (SocketException reset) {
                assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            }
        }
        assertEquals(Set.of(), range.onLo());
    }

    @Test
    void addressesFollowTheStateAndOnlyOwnOnesAreRemoved() throws Exception {
        range.addByTest(range.ip(200));
        ServicePort web = tcp("web", 1, 0, 0, all());
        ServicePort other = tcp("other", 200, 0, 0, all());
        backend.sync(state(web, other));
        assertEquals(Set.of(range.ip(1), range.ip(200)), range.onLo());
        assertEquals(Set.of(range.ip(1)), backend.addedAddresses(), "only the address it added is its own");
        assertTrue(names.contains(ask(range.ip(200), PORT, null)), "an address already there is used");

        backend.sync(state(other));
        assertEquals(Set.of(range.ip(200)), range.onLo(), "a ClusterIP no longer proxied leaves lo");

        backend.cleanUp();
        assertEquals(Set.of(range.ip(200)), range.onLo(), "an address it did not add stays");
        assertThrows(ConnectException.class, () -> ask(range.ip(200), PORT, null), "but its listener is gone");
    }

    @Test
    void aBackendCleanedUpCanBeSyncedAgain() throws Exception {
        backend.sync(state(tcp("web", 1, 0, 0, all())));
        backend.cleanUp();
        assertEquals(Set.of(), range.onLo());

        backend.sync(state(tcp("web", 1, 0, 0, all())));

        assertEquals(Set.of(range.ip(1)), range.onLo());
        assertEquals(names, askTimes(3, range.ip(1), PORT), "switched back to, it serves again");
    }

    @Test
    void unusableWithoutTheIpCommand() throws IOException {
        assertNull(backend.unusableReason(), "root with iproute2 (as the tests run) can use the backend");
        UserspaceBackend noIp = new UserspaceBackend(new Settings("lo", "/nonexistent/ip", 1, 1, 1, 1024, 1024, 0));
        try {
            String reason = noIp.unusableReason();
            assertNotNull(reason);
            assertTrue(reason.contains("/nonexistent/ip"), reason);
        } finally {
            noIp.deactivate();
        }
    }

    private static boolean refuses(String host, int port) {
        try {
            ask(host, port, null);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
