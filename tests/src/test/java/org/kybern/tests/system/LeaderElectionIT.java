package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two schedulers and two controller managers in two Karaf processes on one cluster: the shared
 * cluster's, and a second Karaf of the same distribution that boots only the scheduler and controller
 * features and reaches the cluster's API server (as docs/scheduler.md describes). Of each pair exactly
 * one holds its Lease (kube-system/kube-scheduler, kube-system/kube-controller-manager) and acts; when
 * the holder stops, or dies without a word (kill -9), the other takes over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class LeaderElectionIT {

    private static final String NS = "leader-election-it";
    private static final String NODE = "sim-leader";
    private static final String STANDBY = "standby-scheduler";
    private static final String STANDBY_CONTROLLERS = "standby-controller-manager";
    private static final String SCHEDULER_LEASE = "kube-scheduler";
    private static final String CONTROLLER_LEASE = "kube-controller-manager";
    private static final Duration BIND = Duration.ofSeconds(30);
    /** The Lease lasts 15 s; a standby takes over after it has seen no renewal for that long. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(40);
    private static KybernCluster cluster;
    private static KubernetesClient client;
    private static Path karaf;
    /** The second Karaf's Java process. */
    private static ProcessHandle standby;

    @BeforeAll
    static void startSecondKaraf() throws Exception {
        cluster = SharedCluster.get();
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        SimulatedNodes.create(client, NODE, "4", "8Gi", Map.of());
        karaf = unpackDistribution(cluster.stateDir().resolveSibling("second-scheduler"));
        configureAsStandby(karaf);
        KybernCluster.Result start = cluster.run(List.of(karaf.resolve("bin/start").toString()));
        assertEquals(0, start.exitCode(), start.output());
        standby = karafProcess(karaf);
    }

    @AfterAll
    static void stopSecondKaraf() throws Exception {
        if (standby != null && standby.isAlive()) {
            standby.destroyForcibly();
            standby.onExit().get();
        }
        if (client != null) {
            cluster.kybern("console", "bundle:start org.kybern.scheduler");
            cluster.kybern("console", "bundle:start org.kybern.controller");
            client.apps().replicaSets().inNamespace(NS).withName("web").delete();
            SimulatedNodes.cleanUp(cluster, client, NS, NODE);
            client.close();
        }
    }

    @Test
    @Order(1)
    void oneControllerManagerActsAndTheOtherTakesOverWhenItStops() throws Exception {
        String first = awaitLease(CONTROLLER_LEASE, TAKE_OVER, "held", holder -> holder != null && !holder.isEmpty())
                .getSpec().getHolderIdentity();
        assertNotEquals(STANDBY_CONTROLLERS, first, "the shared cluster's controller manager started first and leads");
        awaitLog(STANDBY_CONTROLLERS + " is a candidate");
        client.apps().replicaSets().inNamespace(NS).resource(replicaSet()).create();
        assertEquals(first, replicasWhileHolding(2));

        // The leader stops: it gives the Lease up, the standby takes over and scales the ReplicaSet.
        console("bundle:stop org.kybern.controller");
        awaitLease(CONTROLLER_LEASE, TAKE_OVER, "taken by the standby", STANDBY_CONTROLLERS::equals);
        scale(3);
        assertEquals(STANDBY_CONTROLLERS, replicasWhileHolding(3));

        // The first comes back: it waits, the standby keeps acting.
        console("bundle:start org.kybern.controller");
        scale(4);
        assertEquals(STANDBY_CONTROLLERS, replicasWhileHolding(4));
    }

    @Test
    @Order(2)
    void oneSchedulerLeadsAndTheOtherTakesOverWhenItStopsOrDies() throws Exception {
        String first = awaitLease(SCHEDULER_LEASE, TAKE_OVER, "held", holder -> holder != null && !holder.isEmpty()).getSpec()
                .getHolderIdentity();
        assertNotEquals(STANDBY, first, "the shared cluster's scheduler started first and leads");
        awaitLog(STANDBY + " is a candidate");
        assertEquals(first, placedWhileHolding("with-first-leading"), "the standby does not take the Lease");

        // The leader stops (bundle stopped from the console): it gives the Lease up, the standby takes over.
        console("bundle:stop org.kybern.scheduler");
        awaitLease(SCHEDULER_LEASE, TAKE_OVER, "taken by the standby", STANDBY::equals);
        assertEquals(STANDBY, placedWhileHolding("with-standby-leading"));

        // The first comes back: it waits, the standby keeps leading.
        console("bundle:start org.kybern.scheduler");
        assertEquals(STANDBY, placedWhileHolding("with-first-back"));

        // The standby dies without releasing anything: the first takes over once the Lease expires.
        int transitions = lease(SCHEDULER_LEASE).getSpec().getLeaseTransitions();
        standby.destroyForcibly();
        standby.onExit().get();
        Lease taken = awaitLease(SCHEDULER_LEASE, TAKE_OVER, "taken back after the standby died",
                holder -> holder != null && !holder.isEmpty() && !STANDBY.equals(holder));
        assertTrue(taken.getSpec().getLeaseTransitions() > transitions, "a new transition is recorded");
        String leader = taken.getSpec().getHolderIdentity();
        assertEquals(leader, placedWhileHolding("after-standby-died"));
    }

    @Test
    @Order(3)
    void afterTheStandbyDiedTheFirstControllerManagerActsAgain() throws Exception {
        assertTrue(standby == null || !standby.isAlive(), "the previous test killed the standby");
        Lease taken = awaitLease(CONTROLLER_LEASE, TAKE_OVER, "taken back after the standby died",
                holder -> holder != null && !holder.isEmpty() && !STANDBY_CONTROLLERS.equals(holder));
        scale(1);
        assertEquals(taken.getSpec().getHolderIdentity(), replicasWhileHolding(1));
    }

    /** A ReplicaSet whose pods go to the simulated node (nothing runs them; the controllers only count them). */
    private static ReplicaSet replicaSet() {
        return new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector().withNewTemplate()
                .withMetadata(new ObjectMetaBuilder().addToLabels("app", "web").build())
                .withSpec(SimulatedNodes.pod("template", "100m", null).build().getSpec()).endTemplate().endSpec()
                .build();
    }

    private static void scale(int replicas) {
        client.apps().replicaSets().inNamespace(NS).withName("web").scale(replicas);
    }

    /**
     * Waits until the ReplicaSet has exactly {@code replicas} pods, checks it still has that many a few
     * seconds later (no second controller manager creating more), and returns who held the Lease meanwhile.
     */
    private static String replicasWhileHolding(int replicas) throws Exception {
        String before = lease(CONTROLLER_LEASE).getSpec().getHolderIdentity();
        Await.until(BIND, replicas + " pods", LeaderElectionIT::pods, n -> n == replicas);
        long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < settle) {
            assertEquals(replicas, pods(), "pods of the ReplicaSet");
            Thread.sleep(250);
        }
        assertEquals(before, lease(CONTROLLER_LEASE).getSpec().getHolderIdentity(), "the leader changed meanwhile");
        return before;
    }

    private static Integer pods() {
        return (int) client.pods().inNamespace(NS).withLabel("app", "web").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).count();
    }

    /** Creates a pod, waits until it is bound, and returns who held the Lease before and after (the same). */
    private static String placedWhileHolding(String pod) throws Exception {
        String before = lease(SCHEDULER_LEASE).getSpec().getHolderIdentity();
        client.pods().inNamespace(NS).resource(SimulatedNodes.pod(pod, "100m", null).build()).create();
        assertEquals(NODE, SchedulerIT.bound(client, NS, pod, BIND));
        assertEquals(before, lease(SCHEDULER_LEASE).getSpec().getHolderIdentity(),
                "the leader changed while " + pod + " was placed");
        return before;
    }

    private static Lease lease(String name) {
        return client.resources(Lease.class).inNamespace("kube-system").withName(name).get();
    }

    private static Lease awaitLease(String name, Duration timeout, String what, Predicate<String> holder)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lease lease = null;
        while (System.nanoTime() < deadline) {
            lease = lease(name);
            if (lease != null && holder.test(lease.getSpec().getHolderIdentity())) {
                return lease;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Lease kube-system/" + name + " not " + what + " within " + timeout + ": "
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
     * Boots only the scheduler and the controllers (and what they need), with their own console ports,
     * talking to the shared cluster's API server with the cluster's CA and the components' tokens.
     */
    private static void configureAsStandby(Path dir) throws Exception {
        Path features = dir.resolve("etc/org.apache.karaf.features.cfg");
        Files.writeString(features, Files.readString(features).replaceAll("kybern-all/[^\\s,]+",
                "kybern-scheduler, kybern-controllers"));
        Files.delete(dir.resolve("etc/org.kybern.kubelet-local.cfg"));
        Files.writeString(dir.resolve("etc/org.kybern.client.cfg"), "server = " + cluster.server() + "\ncaFile = "
                + cluster.caCertificate() + "\ntokenFile = " + cluster.tokenFile() + "\n");
        Files.writeString(dir.resolve("etc/org.kybern.scheduler.cfg"), "identity = " + STANDBY + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("etc/org.kybern.controller.cfg"), "identity = " + STANDBY_CONTROLLERS + "\n");
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
