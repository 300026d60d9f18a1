package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pods made real: the kubelet of the cluster {@code ./kybern up} started runs them as containers on
 * this machine's dockerd. Each test does what a user does (kubectl, or {@code docker kill} from
 * outside) and checks what a user sees (pod status, {@code kubectl logs}, the containers dockerd runs).
 * Pods name their node in {@code spec.nodeName} until the scheduler places them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class PodsIT {

    private static final String NS = "pods-it";
    private static final Duration START = Duration.ofSeconds(60);

    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static String node;

    @BeforeAll
    static void connect() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        node = cluster.nodeName();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        awaitNodeReady(client, node);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client != null) {
            cluster.kubectl("delete", "pods", "--all", "-n", NS, "--wait=true", "--timeout=60s");
            client.close();
        }
    }

    static Node awaitNodeReady(KubernetesClient client, String name) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        Node node = null;
        while (System.nanoTime() < deadline) {
            node = client.nodes().withName(name).get();
            if (node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                    && node.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                return node;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node " + name + " not Ready within " + START + "; last seen: " + node);
    }

    @Test
    @Order(1)
    void theNodeRegistersAndHeartbeats() throws Exception {
        Node n = client.nodes().withName(node).get();
        Map<String, String> labels = n.getMetadata().getLabels();
        assertEquals(node, labels.get("kubernetes.io/hostname"));
        assertEquals("linux", labels.get("kubernetes.io/os"));
        assertTrue(labels.containsKey("kubernetes.io/arch"), labels.toString());
        assertTrue(n.getStatus().getNodeInfo().getContainerRuntimeVersion().startsWith("docker://"),
                n.getStatus().getNodeInfo().toString());
        for (String resource : List.of("cpu", "memory", "pods")) {
            assertNotNull(n.getStatus().getCapacity().get(resource), resource + " capacity");
            assertNotNull(n.getStatus().getAllocatable().get(resource), resource + " allocatable");
        }
        // The heartbeat: the node's Lease is renewed (every 10 s).
        Lease first = client.leases().inNamespace("kube-node-lease").withName(node).get();
        assertNotNull(first, "no lease for the node in kube-node-lease");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Lease now = client.leases().inNamespace("kube-node-lease").withName(node).get();
            if (!now.getSpec().getRenewTime().equals(first.getSpec().getRenewTime())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the node's lease was not renewed within 30 s: " + first.getSpec());
    }

    @Test
    @Order(2)
    void aPodOfTwoContainersRunsAndShowsItsLogs() throws Exception {
        // As the example's first lines tell a user; the scheduler places it on the one node that can run pods.
        KybernCluster.Result applied = cluster.kubectl("apply", "-n", NS, "-f",
                KybernCluster.ROOT.resolve("examples/web-with-sidecar.yaml").toString());
        assertEquals(0, applied.exitCode(), applied.output());
        Pod pod = Pods.await(client, NS, "web-with-sidecar", START, "Running with both containers Ready",
                p -> Pods.ready(p) && Pods.containerReady(p, "web") && Pods.containerReady(p, "sidecar"));
        assertEquals(node, pod.getSpec().getNodeName(), "placed by the scheduler on this host's node");
        assertNotNull(pod.getStatus().getPodIP(), "podIP");
        assertNotNull(pod.getStatus().getHostIP(), "hostIP");
        assertNotNull(pod.getStatus().getStartTime(), "startTime");
        for (String c : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            assertTrue(Pods.condition(pod, c), c + " in " + pod.getStatus().getConditions());
        }

        // $HOSTNAME is the pod's name, also when its sandbox came from the runtime's pool.
        assertLogsContain("web-with-sidecar", "web", "web: serving /www on :8080 as web-with-sidecar");
        // The sidecar reaches the web container over localhost: one network namespace per pod.
        assertLogsContain("web-with-sidecar", "sidecar", "got 'hello from web in pod web-with-sidecar' over localhost");

        // dockerd runs exactly the pod's two containers, labelled for the kubelet (and a sandbox,
        // which, taken from the runtime's pool, keeps its labels in a file instead).
        String uid = pod.getMetadata().getUid();
        for (String c : List.of("web", "sidecar")) {
            String id = Docker.id(Pods.container(pod, c).getContainerID());
            String labels = Docker.run("inspect", "-f", "{{json .Config.Labels}}", id);
            assertTrue(labels.contains("\"io.kybern.pod.uid\":\"" + uid + "\""), labels);
            assertTrue(labels.contains("\"io.kybern.container.name\":\"" + c + "\""), labels);
            assertTrue(labels.contains("\"io.kybern.node.name\":\"" + node + "\""), labels);
        }
        assertEquals(2, Docker.runningLabelled("io.kybern.pod.uid", uid).size(),
                "2 containers: " + Docker.run("ps", "--filter", "label=io.kybern.pod.uid=" + uid));
    }

    @Test
    @Order(3)
    void aContainerKilledFromOutsideIsRestarted() throws Exception {
        Pod before = client.pods().inNamespace(NS).withName("web-with-sidecar").get();
        String killed = Pods.container(before, "web").getContainerID();
        Docker.run("kill", Docker.id(killed));
        Pod after = Pods.await(client, NS, "web-with-sidecar", START, "restarted once and Ready again",
                p -> Pods.restarts(p, "web") == 1 && Pods.containerReady(p, "web") && Pods.ready(p));
        ContainerStatus web = Pods.container(after, "web");
        assertNotEquals(killed, web.getContainerID());
        assertEquals(137, web.getLastState().getTerminated().getExitCode(), "killed by SIGKILL");
        assertEquals(0, Pods.restarts(after, "sidecar"), "the other container is left alone");
    }

    @Test
    @Order(4)
    void aFailingLivenessProbeRestartsTheContainer() throws Exception {
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: liveness}
                spec:
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'touch /tmp/healthy; trap "exit 0" TERM; sleep 4; rm /tmp/healthy; while :; do sleep 1 & wait $!; done']
                    livenessProbe:
                      exec: {command: [cat, /tmp/healthy]}
                      periodSeconds: 1
                      failureThreshold: 2
                """);
        Pods.await(client, NS, "liveness", START, "Running", Pods::running);
        Pod restarted = Pods.await(client, NS, "liveness", START, "restarted by its liveness probe",
                p -> Pods.restarts(p, "app") >= 1);
        assertNotNull(Pods.container(restarted, "app").getLastState().getTerminated(), "lastState.terminated");
    }

    @Test
    @Order(4)
    void aPodsResolvConfFollowsItsDnsPolicy() throws Exception {
        String printer = "[sh, -c, 'cat /etc/resolv.conf; trap \"exit 0\" TERM; while :; do sleep 1 & wait $!; done']";
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: dns-cluster-first}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: app, image: kybern/busybox:1, command: %s}
                """.formatted(printer));
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: dns-none}
                spec:
                  terminationGracePeriodSeconds: 1
                  dnsPolicy: None
                  dnsConfig:
                    nameservers: [10.96.0.53]
                    searches: [my.dns.search.suffix]
                    options: [{name: ndots, value: "2"}]
                  containers:
                  - {name: app, image: kybern/busybox:1, command: %s}
                """.formatted(printer));
        for (String pod : List.of("dns-cluster-first", "dns-none")) {
            Pods.await(client, NS, pod, START, "Running", Pods::running);
        }
        // ClusterFirst, the default: the cluster DNS, the namespace's search path, ndots:5 (as Kubernetes).
        assertLogsContain("dns-cluster-first", "app", "nameserver 10.96.0.10");
        assertLogsContain("dns-cluster-first", "app", "search " + NS + ".svc.cluster.local svc.cluster.local cluster.local");
        assertLogsContain("dns-cluster-first", "app", "options ndots:5");
        assertLogsContain("dns-none", "app", "nameserver 10.96.0.53");
        assertLogsContain("dns-none", "app", "search my.dns.search.suffix");
        assertLogsContain("dns-none", "app", "options ndots:2");
    }

    @Test
    @Order(5)
    void aFailingReadinessProbeMakesThePodUnreadyWithoutRestart() throws Exception {
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: readiness}
                spec:
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'mkdir /www; echo ok > /www/ready; httpd -f -p 8080 -h /www & trap "exit 0" TERM; sleep 6; rm /www/ready; while :; do sleep 1 & wait $!; done']
                    readinessProbe:
                      httpGet: {path: /ready, port: 8080}
                      periodSeconds: 1
                      failureThreshold: 1
                    livenessProbe:
                      tcpSocket: {port: 8080}
                      periodSeconds: 1
                """);
        Pod ready = Pods.await(client, NS, "readiness", START, "Ready", Pods::ready);
        String id = Pods.container(ready, "app").getContainerID();
        Pod unready = Pods.await(client, NS, "readiness", START, "unready once /ready is gone",
                p -> !Pods.condition(p, "Ready") && !Pods.containerReady(p, "app"));
        assertTrue(Pods.containerRunning(unready, "app"), "the container keeps running");
        assertEquals(0, Pods.restarts(unready, "app"), "readiness failures never restart a container");
        assertEquals(id, Pods.container(unready, "app").getContainerID());
        assertEquals("Running", unready.getStatus().getPhase());
    }

    @Test
    @Order(6)
    void aCrashingContainerBacksOffLongerEachTime() throws Exception {
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: crasher}
                spec:
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'echo "crashing at $(date +%s)"; exit 3']
                """);
        // As Kubernetes: the first crash is restarted at once, then the back-off is 10 s, then 20 s.
        Instant[] restartSeen = new Instant[4];
        boolean sawBackOff = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Pod pod = null;
        while (restartSeen[3] == null && System.nanoTime() < deadline) {
            pod = client.pods().inNamespace(NS).withName("crasher").get();
            int restarts = Math.min(3, Pods.restarts(pod, "app"));
            sawBackOff |= "CrashLoopBackOff".equals(Pods.waitingReason(pod, "app"));
            for (int i = 1; i <= restarts; i++) {
                if (restartSeen[i] == null) {
                    restartSeen[i] = Instant.now();
                }
            }
            Thread.sleep(200);
        }
        assertNotNull(restartSeen[3], "not restarted 3 times within 90 s: " + (pod == null ? null : pod.getStatus()));
        assertTrue(sawBackOff, "the container was never reported waiting in CrashLoopBackOff");
        ContainerStatus app = Pods.container(pod, "app");
        assertEquals(3, app.getLastState().getTerminated().getExitCode());
        assertEquals("Error", app.getLastState().getTerminated().getReason());
        Duration second = Duration.between(restartSeen[1], restartSeen[2]);
        Duration third = Duration.between(restartSeen[2], restartSeen[3]);
        assertTrue(second.compareTo(Duration.ofSeconds(8)) >= 0, "back-off before the 2nd restart only " + second);
        assertTrue(third.compareTo(Duration.ofSeconds(15)) >= 0 && third.compareTo(second) > 0,
                "back-off did not grow: " + second + ", then " + third);
        assertLogsContain("crasher", "app", "crashing at", "--previous");
    }

    @Test
    @Order(7)
    void aMemoryHogOverItsLimitIsOomKilled() throws Exception {
        Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: memory-hog}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: hog
                    image: kybern/busybox:1
                    # over its limit after a second: Docker does not see an OOM kill in a container's first moments
                    command: [sh, -c, 'sleep 1; exec dd if=/dev/zero of=/dev/null bs=100M count=1']
                    resources:
                      limits: {memory: 32Mi}
                """);
        // Docker may flag the OOM kill a moment after the exit: the kubelet's status follows it.
        Pod pod = Pods.await(client, NS, "memory-hog", START, "Failed with its container OOMKilled",
                p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase())
                        && "OOMKilled".equals(terminatedReason(p, "hog")));
        ContainerStatus hog = Pods.container(pod, "hog");
        assertEquals("OOMKilled", hog.getState().getTerminated().getReason(), hog.toString());
        assertEquals(137, hog.getState().getTerminated().getExitCode());
        assertEquals(0, Pods.restarts(pod, "hog"), "restartPolicy Never");
    }

    @Test
    @Order(8)
    void aDeletedPodStopsGracefullyAndDisappears() throws Exception {
        Path out = Files.createDirectories(cluster.stateDir().resolve("graceful-out").toAbsolutePath());
        Pod pod = Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: graceful}
                spec:
                  terminationGracePeriodSeconds: 30
                  volumes:
                  - name: out
                    hostPath: {path: %s}
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'trap "echo stopped by SIGTERM > /out/graceful; exit 0" TERM; while :; do sleep 1 & wait $!; done']
                    volumeMounts:
                    - {name: out, mountPath: /out}
                """.formatted(out));
        Pods.await(client, NS, "graceful", START, "Running", Pods::running);
        assertEquals(0, cluster.kubectl("delete", "pod", "graceful", "-n", NS, "--wait=false").exitCode());
        Duration took = Pods.awaitGone(client, NS, "graceful", Duration.ofSeconds(40));
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "stopped by SIGTERM, not by the 30 s timeout: " + took);
        assertEquals("stopped by SIGTERM", Files.readString(out.resolve("graceful")).trim());
        assertEquals(List.of(), Docker.containersLabelled("io.kybern.pod.uid", pod.getMetadata().getUid()),
                "the pod's containers are removed");

        // A container that ignores SIGTERM is killed when its grace period ends.
        Pod stubborn = Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: stubborn}
                spec:
                  terminationGracePeriodSeconds: 3
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'trap "" TERM; while :; do sleep 1; done']
                """);
        Pods.await(client, NS, "stubborn", START, "Running", Pods::running);
        assertEquals(0, cluster.kubectl("delete", "pod", "stubborn", "-n", NS, "--wait=false").exitCode());
        took = Pods.awaitGone(client, NS, "stubborn", Duration.ofSeconds(30));
        assertTrue(took.compareTo(Duration.ofMillis(2500)) >= 0, "killed before its 3 s grace period ended: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "not killed when its grace period ended: " + took);
        assertEquals(List.of(), Docker.containersLabelled("io.kybern.pod.uid", stubborn.getMetadata().getUid()));
    }

    @Test
    @Order(9)
    void aRestartedKubeletAdoptsRunningContainersAndRemovesOrphans() throws Exception {
        Pod web = Pods.await(client, NS, "web-with-sidecar", START, "Ready", Pods::ready);
        String webUid = web.getMetadata().getUid();
        Set<String> running = new HashSet<>(Docker.runningLabelled("io.kybern.pod.uid", webUid));
        Pod orphan = Pods.create(client, NS, node, """
                apiVersion: v1
                kind: Pod
                metadata: {name: orphan}
                spec:
                  containers:
                  - name: app
                    image: kybern/busybox:1
                    command: [sh, -c, 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done']
                """);
        Pods.await(client, NS, "orphan", START, "Running", Pods::running);

        console("bundle:stop org.kybern.kubelet");
        // While no kubelet runs, the orphan's object goes (a forced delete does not wait for a kubelet).
        assertEquals(0, cluster.kubectl("delete", "pod", "orphan", "-n", NS, "--grace-period=0", "--force").exitCode());
        Instant restarted = Instant.now();
        console("bundle:start org.kybern.kubelet");

        // The kubelet is back once it renews its lease again.
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            Lease lease = client.leases().inNamespace("kube-node-lease").withName(node).get();
            if (lease.getSpec().getRenewTime().toInstant().isAfter(restarted)) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the kubelet did not renew its lease after its restart");
            Thread.sleep(200);
        }
        deadline = System.nanoTime() + START.toNanos();
        while (!Docker.containersLabelled("io.kybern.pod.uid", orphan.getMetadata().getUid()).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the orphan's containers were not removed");
            Thread.sleep(200);
        }
        Pod after = Pods.await(client, NS, "web-with-sidecar", START, "Ready", Pods::ready);
        assertEquals(running, new HashSet<>(Docker.runningLabelled("io.kybern.pod.uid", webUid)),
                "the same containers run: none restarted, none duplicated");
        assertEquals(Pods.restarts(web, "web"), Pods.restarts(after, "web"));
        assertEquals(Pods.restarts(web, "sidecar"), Pods.restarts(after, "sidecar"));
    }

    private static void console(String command) throws Exception {
        KybernCluster.Result r = cluster.kybern("console", command);
        assertEquals(0, r.exitCode(), command + ": " + r.output());
    }

    /** Waits until {@code kubectl logs} of the container shows {@code text}. */
    private static void assertLogsContain(String pod, String container, String text, String... flags)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        KybernCluster.Result logs;
        do {
            logs = cluster.kubectl(Stream.concat(Stream.of("logs", pod, "-c", container, "-n", NS), Stream.of(flags))
                    .toArray(String[]::new));
            if (logs.exitCode() == 0 && logs.output().contains(text)) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("kubectl logs " + pod + " -c " + container + " never showed '" + text + "':\n"
                + logs.output());
    }

    /** The reason of a container's terminated state, or null. */
    private static String terminatedReason(Pod pod, String container) {
        ContainerStatus c = Pods.container(pod, container);
        return c == null || c.getState() == null || c.getState().getTerminated() == null ? null
                : c.getState().getTerminated().getReason();
    }
}
