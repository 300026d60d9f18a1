package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Services on the running distribution with real Docker pods, the real kernel and real sockets:
 * three HTTP pods that answer their own name behind Services, reached from a client pod by short
 * name (the search path), by full name and through the docker-link environment variables, with
 * ClientIP affinity, through a NodePort on 127.0.0.1 and a headless Service; readiness taking a pod
 * out of rotation and back; scaling under load; switching the proxy's backend under load from the
 * Karaf console; stopping and starting the proxy bundle.
 *
 * <p>Traffic goes only to the ClusterIPs, pod IPs and 127.0.0.1 of this machine, from the host or
 * from the test's own pods.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class ServicesIT {

    private static final String NS = "services-it";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /**
     * Serves its own name ($HOSTNAME: the pod's, see docs/node.md on the sandbox pool) on 8080 while
     * /www/ready exists for the readiness probe; on TERM serves 5 s more, as Kubernetes advises for
     * zero-downtime scale-down: the proxies must drop a deleted pod before it stops answering, and
     * nothing bounds how long that takes (2 s was too short on a loaded 2-core machine: a request
     * reached a pod already gone in two of three full runs on 2026-12-06).
     */
    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 10
                  containers:
                  - name: web
                    image: kybern/busybox:1
                    command: [sh, -c, 'mkdir -p /www; echo $HOSTNAME > /www/index.html; touch /www/ready; httpd -f -p 8080 -h /www & trap "sleep 5; kill $!; exit 0" TERM; wait']
                    ports:
                    - {name: http, containerPort: 8080}
                    readinessProbe:
                      httpGet: {path: /ready, port: http}
                      periodSeconds: 1
                      failureThreshold: 1
            """;
    private static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-sticky}
            spec:
              selector: {app: web}
              sessionAffinity: ClientIP
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-nodeport}
            spec:
              type: NodePort
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-headless}
            spec:
              clusterIP: None
              selector: {app: web}
              ports: [{name: http, port: 8080, targetPort: http}]
            """;
    /** Made after the Services, so the kubelet gives it their environment variables. */
    private static final String CLIENT = """
            apiVersion: v1
            kind: Pod
            metadata: {name: client}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: client
                image: %s
                command: [sh, -c, 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done']
            """;

    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static String clientContainer;

    @BeforeAll
    static void setUp() throws Exception {
        String curlImage = TestImages.curl();
        cluster = SharedCluster.get();
        client = Workloads.newNamespace(cluster, NS);
        client.apps().deployments().inNamespace(NS).load(stream(WEB)).create();
        client.load(stream(SERVICES)).inNamespace(NS).create();
        client.pods().inNamespace(NS).load(stream(CLIENT.formatted(curlImage))).create();
        Pod pod = Pods.await(client, NS, "client", SETTLE, "Running", Pods::ready);
        clientContainer = Docker.id(pod.getStatus().getContainerStatuses().get(0).getContainerID());
        awaitWebPods(3);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) {
            cluster.kybern("console", "config:property-set -p org.kybern.proxy mode auto");
            cluster.kybern("console", "bundle:start org.kybern.proxy");
            cluster.kubectl("delete", "namespace", NS, "--timeout=90s");
        }
    }

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {"nftables", "userspace"})
    void eachBackendServesServicesByNameEnvironmentAffinityNodePortAndReadiness(String mode) throws Exception {
        switchMode(mode);
        Set<String> pods = webPodNames();

        for (String url : List.of("http://web/", "http://web." + NS + ".svc.cluster.local/",
                "http://$WEB_SERVICE_HOST:$WEB_SERVICE_PORT/")) {
            assertEquals(pods, answers(fromClient(url, 30)), url + " reaches every pod");
        }
        assertEquals(1, answers(fromClient("http://web-sticky/", 30)).size(), "ClientIP affinity: one pod");

        int nodePort = client.services().inNamespace(NS).withName("web-nodeport").get().getSpec().getPorts().get(0)
                .getNodePort();
        List<String> viaNodePort = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            viaNodePort.add(get("127.0.0.1", nodePort));
        }
        assertEquals(pods, answers(viaNodePort), "127.0.0.1:" + nodePort + " reaches every pod");

        Map<String, String> ipToName = webPods().stream()
                .collect(Collectors.toMap(p -> p.getStatus().getPodIP(), p -> p.getMetadata().getName()));
        String lookup = Docker.run("exec", clientContainer, "nslookup", "web-headless." + NS + ".svc.cluster.local");
        assertEquals(new TreeSet<>(ipToName.keySet()), addresses(lookup), "headless: the ready pods' IPs\n" + lookup);
        // No proxy in between: the client connects to an address of the answer (glibc sorts them, so mostly the same).
        Set<String> viaHeadless = answers(fromClient("http://web-headless:8080/", 10));
        assertTrue(pods.containsAll(viaHeadless), "the headless name reaches the pods: " + viaHeadless);

        // A pod failing its readiness probe leaves the rotation; passing again brings it back.
        Pod first = webPods().get(0);
        String name = first.getMetadata().getName();
        String container = Docker.id(first.getStatus().getContainerStatuses().get(0).getContainerID());
        Docker.run("exec", container, "rm", "/www/ready");
        try {
            Await.until(SETTLE, name + " out of rotation", () -> answers(fromClient("http://web/", 20)),
                    seen -> !seen.contains(name) && seen.size() == 2);
        } finally {
            Docker.run("exec", container, "touch", "/www/ready");
        }
        Await.until(SETTLE, name + " back in rotation", () -> answers(fromClient("http://web/", 20)),
                seen -> seen.equals(pods));
    }

    @Order(2)
    @ParameterizedTest
    @ValueSource(strings = {"nftables", "userspace"})
    void scalingThreeToOneToThreeFailsNoRequest(String mode) throws Exception {
        switchMode(mode);
        // The client pod requests every 50 ms, a bounded number of times, and prints one line per request
        // (a failure with its number, curl's exit code — 6 no DNS answer, 7 refused, 28 timed out —, when
        // it began and how far it got: seconds to the DNS answer, to the connection, to the first byte,
        // 0 for a step not reached, and the address connected to).
        String loop = "for i in $(seq 1200); do t=\"$(date +%T) uptime $(cut -d' ' -f1 /proc/uptime)\";"
                + " if r=$(curl -s -m 3 -o /dev/null -w '%{time_namelookup} %{time_connect} %{time_starttransfer}"
                + " %{remote_ip}' http://web/); then echo OK; else echo \"FAIL request $i: curl exit $? (began $t;"
                + " dns connect first-byte address: $r)\"; fi; [ -e /tmp/stop ] && break; sleep 0.05; done; echo END";
        Docker.run("exec", clientContainer, "rm", "-f", "/tmp/stop");
        Process requests = new ProcessBuilder("docker", "exec", clientContainer, "sh", "-c", loop)
                .redirectErrorStream(true).start();
        try {
            long scaledDown = System.nanoTime();
            scale(1);
            // How long the deleted pods stay in the Service's slices: they keep serving 5 s after TERM.
            Await.until(SETTLE, "one ready endpoint of web", () -> readyEndpoints("web"), n -> n == 1);
            System.out.printf("ServicesIT (%s): the 2 deleted pods left web's EndpointSlice %d ms after the scale-down%n",
                    mode, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scaledDown));
            awaitWebPods(1);
            scale(3);
            awaitWebPods(3);
            // Settled once all three answer; whether any request failed meanwhile is the loop's to say (below).
            Await.until(SETTLE, "every pod serving again", () -> new TreeSet<>(fromClient("http://web/", 20)),
                    seen -> seen.stream().filter(answer -> answer.startsWith("web-")).count() == 3);
        } finally {
            Docker.run("exec", clientContainer, "touch", "/tmp/stop");
        }
        String out = new String(requests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(requests.waitFor(60, TimeUnit.SECONDS), "the request loop ends");
        List<String> lines = Arrays.asList(out.split("\n"));
        assertTrue(lines.contains("END"), "the request loop ran to its end:\n" + out);
        long ok = lines.stream().filter("OK"::equals).count();
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("FAIL")).toList(),
                "failed requests while scaling (" + ok + " ok)");
        assertTrue(ok >= 20, "requests were sent while scaling: " + ok);
    }

    @Order(3)
    @Test
    void switchingTheBackendUnderLoadFailsNoRequest() throws Exception {
        switchMode("nftables");
        String clusterIP = clusterIP("web");
        try (Prober prober = new Prober(clusterIP, 80)) {
            prober.awaitRequests(10);
            switchMode("userspace");
            assertFalse(nftablesTable(), "no kybern nftables table after leaving nftables");
            prober.awaitRequests(prober.requests() + 20);
            switchMode("nftables");
            assertFalse(onLoopback(clusterIP), "no ClusterIP on lo after leaving userspace");
            prober.awaitRequests(prober.requests() + 20);
            prober.stop();
            assertEquals(List.of(), prober.failures(), "failed requests during the switches of " + prober.requests());
        }
    }

    @Order(4)
    @ParameterizedTest
    @ValueSource(strings = {"nftables", "userspace"})
    void stoppingTheProxyBundleRemovesItsWorkAndStartingItRestoresServiceWithinFiveSeconds(String mode)
            throws Exception {
        switchMode(mode);
        String clusterIP = clusterIP("web");
        console("bundle:stop org.kybern.proxy");
        long started;
        try {
            // Nothing is sent to the ClusterIP now: with no proxy it would leave the machine by the default route.
            assertFalse(nftablesTable(), "no kybern nftables table while the proxy is stopped");
            assertFalse(onLoopback(clusterIP), "no ClusterIP on lo while the proxy is stopped");
        } finally {
            started = System.nanoTime();
            console("bundle:start org.kybern.proxy");
        }
        awaitBackend(mode, clusterIP, Duration.ofSeconds(5));
        Await.until(Duration.ofSeconds(5), "service through " + clusterIP + " restored",
                () -> tryGet(clusterIP, 80), answer -> answer.startsWith("web-"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("proxy bundle restart (%s): service back after %d ms%n", mode, millis);
        assertTrue(millis <= 5000, "service restored within 5 s of the bundle's start, took " + millis + " ms");
    }

    // --- the proxy ---------------------------------------------------------------------------

    /** Sets the proxy's mode from the console and waits until the kernel shows that backend alone at work. */
    private static void switchMode(String mode) throws Exception {
        console("config:property-set -p org.kybern.proxy mode " + mode);
        awaitBackend(mode, clusterIP("web"), SETTLE);
    }

    /** Waits until the kernel shows the backend of {@code mode} alone at work (rules or local ClusterIPs). */
    private static void awaitBackend(String mode, String clusterIP, Duration timeout) throws InterruptedException {
        Await.until(timeout, "the " + mode + " backend alone active",
                () -> List.of(nftablesTable(), onLoopback(clusterIP)),
                seen -> seen.equals(mode.equals("nftables") ? List.of(true, false) : List.of(false, true)));
    }

    private static void console(String command) throws Exception {
        KybernCluster.Result result = cluster.kybern("console", command);
        assertEquals(0, result.exitCode(), command + ":\n" + result.output());
    }

    private static boolean nftablesTable() {
        return command("nft", "list", "table", "ip", "kybern").exitCode() == 0;
    }

    private static boolean onLoopback(String ip) {
        return command("ip", "-4", "-o", "addr", "show", "dev", "lo").output().contains(" " + ip + "/32");
    }

    private static KybernCluster.Result command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(Arrays.toString(command) + " did not finish within 30 s");
            }
            return new KybernCluster.Result(p.exitValue(), out);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(Arrays.toString(command) + " failed", e);
        }
    }

    // --- the workload ------------------------------------------------------------------------

    private static String clusterIP(String service) {
        Service s = client.services().inNamespace(NS).withName(service).get();
        return s.getSpec().getClusterIP();
    }

    private static void scale(int replicas) {
        client.apps().deployments().inNamespace(NS).withName("web").scale(replicas);
    }

    /** The ready endpoints in the EndpointSlices of a Service, as a proxy counts them. */
    private static long readyEndpoints(String service) {
        return client.discovery().v1().endpointSlices().inNamespace(NS).withLabel("kubernetes.io/service-name", service)
                .list().getItems().stream().flatMap(slice -> slice.getEndpoints().stream())
                .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
                .count();
    }

    /** The web pods not being deleted. */
    private static List<Pod> webPods() {
        return client.pods().inNamespace(NS).withLabel("app", "web").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static Set<String> webPodNames() {
        return webPods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until exactly {@code n} web pods exist, all Ready, and no other is still terminating. */
    private static void awaitWebPods(int n) throws InterruptedException {
        Await.until(SETTLE, n + " web pods Ready and no other",
                () -> client.pods().inNamespace(NS).withLabel("app", "web").list().getItems(),
                ps -> ps.size() == n && ps.stream().allMatch(Pods::ready));
    }

    // --- requests ----------------------------------------------------------------------------

    /** {@code count} requests of {@code url} by curl in the client pod (the URL may name its variables); one line each. */
    private static List<String> fromClient(String url, int count) {
        try {
            String script = "for i in $(seq " + count + "); do curl -s -m 3 \"" + url + "\" || echo FAILED; done";
            return Arrays.asList(Docker.run("exec", clientContainer, "sh", "-c", script).split("\n"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The set of pod names answered; fails on a failed request. */
    private static Set<String> answers(List<String> lines) {
        assertFalse(lines.contains("FAILED") || lines.contains(""), "every request answered: " + lines);
        return new TreeSet<>(lines);
    }

    /** The IPv4 addresses in busybox nslookup's answer section. */
    private static Set<String> addresses(String nslookup) {
        String answer = nslookup.substring(Math.max(0, nslookup.indexOf("Name:")));
        return Arrays.stream(answer.split("\n")).filter(l -> l.startsWith("Address:"))
                .map(l -> l.substring("Address:".length()).trim()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ByteArrayInputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** One HTTP/1.0 GET / on a new connection from the host; the answer's body, trimmed. */
    static String get(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.") || !response.contains(" 200 ")) {
                throw new IOException("not a 200 answer: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    private static String tryGet(String host, int port) {
        try {
            return get(host, port);
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    /** A host client requesting http://ip:port/ on a new connection every 50 ms (bounded: 5 minutes at most). */
    private static final class Prober implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> failures = new ArrayList<>();
        private final Thread thread;
        private int requests;

        Prober(String host, int port) {
            thread = new Thread(() -> {
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (running.get() && System.nanoTime() < end) {
                    String answer = tryGet(host, port);
                    synchronized (this) {
                        requests++;
                        if (!answer.startsWith("web-")) {
                            failures.add(requests + ": " + answer);
                        }
                        notifyAll();
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "services-it-prober");
            thread.start();
        }

        synchronized int requests() {
            return requests;
        }

        synchronized List<String> failures() {
            return List.copyOf(failures);
        }

        /** Waits (30 s at most) until {@code n} requests have been made. */
        synchronized void awaitRequests(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (requests < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + requests + " of " + n + " requests made in 30 s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
