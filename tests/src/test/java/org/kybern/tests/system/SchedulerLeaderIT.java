package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two schedulers in two Karaf processes on one cluster: the shared cluster's, and a second Karaf of the
 * same distribution that boots only the scheduler feature and reaches the cluster's API server (as
 * docs/scheduler.md describes). Exactly one holds the Lease kube-system/kube-scheduler and binds; when
 * the holder stops, or dies without a word (kill -9), the other takes over.
 */
@ExtendWith(SharedCluster.class)
class SchedulerLeaderIT {

    private static final String NS = "scheduler-leader-it";
    private static final String NODE = "sim-leader";
    private static final String STANDBY = "standby-scheduler";
    private static final Duration BIND = Duration.ofSeconds(30);
    /** The Lease lasts 15 s; a standby takes over after it has seen no renewal for that long. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(40);
    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static Path karaf;
    /** The second Karaf's Java process. */
    private static ProcessHandle standby;

    @BeforeAll
    static void startSecondScheduler() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        SimulatedNodes.create(client, NODE, "4", "8Gi", Map.of());
        karaf = unpackDistribution(cluster.stateDir().resolveSibling("second-scheduler"));
        configureAsSchedulerOnly(karaf);
        KybernCluster.Result start = cluster.run(List.of(karaf.resolve("bin/start").toString()));
        assertEquals(0, start.exitCode(), start.output());
        standby = karafProcess(karaf);
    }

    @AfterAll
    static void stopSecondScheduler() throws Exception {
        if (standby != null && standby.isAlive()) {
            standby.destroyForcibly();
            standby.onExit().get();
        }
        if (client != null) {
            cluster.kybern("console", "bundle:start org.kybern.scheduler");
            SimulatedNodes.cleanUp(cluster, client, NS, NODE);
            client.close();
        }
    }

    @Test
    void oneSchedulerLeadsAndTheOtherTakesOverWhenItStopsOrDies() throws Exception {
        String first = awaitLease(TAKE_OVER, "held", holder -> holder != null && !holder.isEmpty()).getSpec()
                .getHolderIdentity();
        assertNotEquals(STANDBY, first, "the shared cluster's scheduler started first and leads");
        awaitLog(STANDBY + " is a candidate for Lease kube-system/kube-scheduler");
        assertEquals(first, placedWhileHolding("with-first-leading"), "the standby does not take the Lease");

        // The leader stops (bundle stopped from the console): it gives the Lease up, the standby takes over.
        console("bundle:stop org.kybern.scheduler");
        awaitLease(TAKE_OVER, "taken by the standby", STANDBY::equals);
        assertEquals(STANDBY, placedWhileHolding("with-standby-leading"));

        // The first comes back: it waits, the standby keeps leading.
        console("bundle:start org.kybern.scheduler");
        assertEquals(STANDBY, placedWhileHolding("with-first-back"));

        // The standby dies without releasing anything: the first takes over once the Lease expires.
        int transitions = lease().getSpec().getLeaseTransitions();
        standby.destroyForcibly();
        standby.onExit().get();
        Lease taken = awaitLease(TAKE_OVER, "taken back after the standby died",
                holder -> holder != null && !holder.isEmpty() && !STANDBY.equals(holder));
        assertTrue(taken.getSpec().getLeaseTransitions() > transitions, "a new transition is recorded");
        String leader = taken.getSpec().getHolderIdentity();
        assertEquals(leader, placedWhileHolding("after-standby-died"));
    }

    /** Creates a pod, waits until it is bound, and returns who held the Lease before and after (the same). */
    private static String placedWhileHolding(String pod) throws Exception {
        String before = lease().getSpec().getHolderIdentity();
        client.pods().inNamespace(NS).resource(SimulatedNodes.pod(pod, "100m", null).build()).create();
        assertEquals(NODE, SchedulerIT.bound(client, NS, pod, BIND));
        assertEquals(before, lease().getSpec().getHolderIdentity(), "the leader changed while " + pod + " was placed");
        return before;
    }

    private static Lease lease() {
        return client.resources(Lease.class).inNamespace("kube-system").withName("kube-scheduler").get();
    }

    private static Lease awaitLease(Duration timeout, String what, Predicate<String> holder) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lease lease = null;
        while (System.nanoTime() < deadline) {
            lease = lease();
            if (lease != null && holder.test(lease.getSpec().getHolderIdentity())) {
                return lease;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Lease kube-system/kube-scheduler not " + what + " within " + timeout + ": "
                + (lease == null ? "none" : lease.getSpec()));
    }

    /** Waits until the second Karaf's log says {@code text} (it has booted and connected). */
    private static void awaitLog(String text) throws Exception {
        Path log = karaf.resolve("data/log/karaf.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            assertTrue(standby.isAlive(), "the second Karaf exited; see " + log);
            Thread.sleep(500);
        }
        throw new AssertionError("the second Karaf's log never said '" + text + "'; see " + log);
    }

    /** The Java process {@code bin/start} launched, from the pid file Karaf writes. */
    private static ProcessHandle karafProcess(Path dir) throws Exception {
        Path pidFile = dir.resolve("karaf.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the second Karaf (pid " + pid
                        + ") exited at once; see " + dir.resolve("data/log/karaf.log")));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the second Karaf wrote no " + pidFile);
    }

    private static Path unpackDistribution(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Path tarball;
        try (Stream<Path> files = Files.list(KybernCluster.ROOT.resolve("karaf-features/distribution/target"))) {
            tarball = files.filter(p -> p.getFileName().toString().matches("kybern-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution tarball; build first"));
        }
        KybernCluster.Result untar = cluster.run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString(),
                "--strip-components=1"));
        assertEquals(0, untar.exitCode(), untar.output());
        return dir;
    }

    /**
     * Boots only the scheduler (and what it needs), with its own console ports, talking to the shared
     * cluster's API server with the cluster's CA and the scheduler's token.
     */
    private static void configureAsSchedulerOnly(Path dir) throws Exception {
        Path features = dir.resolve("etc/org.apache.karaf.features.cfg");
        Files.writeString(features, Files.readString(features).replaceAll("kybern-all/[^\\s,]+", "kybern-scheduler"));
        Files.delete(dir.resolve("etc/org.kybern.kubelet-local.cfg"));
        Files.writeString(dir.resolve("etc/org.kybern.client.cfg"), "server = " + cluster.server() + "\ncaFile = "
                + cluster.caCertificate() + "\ntokenFile = " + cluster.tokenFile() + "\n");
        Files.writeString(dir.resolve("etc/org.kybern.scheduler.cfg"), "identity = " + STANDBY + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        setProperty(dir.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", KybernCluster.freePort());
        setProperty(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", KybernCluster.freePort());
        setProperty(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", KybernCluster.freePort());
    }

    private static void setProperty(Path file, String key, int value) throws Exception {
        String text = Files.readString(file);
        String line = key + " = " + value;
        text = text.matches("(?s).*(?m)^\\s*#?\\s*" + key + "\\s*=.*") ? text.replaceAll("(?m)^\\s*#?\\s*" + key
                + "\\s*=.*$", line) : text + "\n" + line + "\n";
        Files.writeString(file, text);
    }

    private static void console(String command) throws Exception {
        KybernCluster.Result r = cluster.kybern("console", command);
        assertEquals(0, r.exitCode(), command + ": " + r.output());
    }
}
