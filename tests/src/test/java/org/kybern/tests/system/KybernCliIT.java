package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's promise, run as a user runs it: {@code ./kybern up}, curl {@code /version}, a
 * second {@code up} that finds the running cluster, the console, a restart that keeps the CA and the
 * tokens, {@code ./kybern down}. The
 * cluster runs from its own state directory on free ports, so a developer's cluster is untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KybernCliIT {

    private static KybernCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        cluster = KybernCluster.up("kybern-cli", false);
    }

    @AfterAll
    static void down() throws Exception {
        KybernCluster.Result down = cluster.kybern("down");
        assertEquals(0, down.exitCode(), down.output());
        KybernCluster.Result status = cluster.kybern("status");
        assertEquals(3, status.exitCode(), "not running after down: " + status.output());
    }

    @Test
    @Order(1)
    void versionAnswersKubernetesVersionJsonOverCurl() throws Exception {
        KybernCluster.Result curl = cluster.run(List.of("curl", "-sS", "--cacert", cluster.caCertificate().toString(),
                cluster.server() + "/version"));
        assertEquals(0, curl.exitCode(), curl.output());
        assertTrue(curl.output().contains("\"gitVersion\" : \"v1."), curl.output());
        assertTrue(curl.output().contains("\"major\" : \"1\""), curl.output());
    }

    @Test
    @Order(2)
    void upTwiceReportsTheRunningClusterInsteadOfStartingAnother() throws Exception {
        Path pidFile = cluster.stateDir().resolve("karaf").resolve("karaf.pid");
        String pid = Files.readString(pidFile).trim();
        KybernCluster.Result again = cluster.kybern("up");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("already running (pid " + pid + ")"), again.output());
        assertEquals(pid, Files.readString(pidFile).trim());
    }

    @Test
    @Order(3)
    void consoleShowsEveryKybernFeatureInstalledAndEveryBundleActive() throws Exception {
        KybernCluster.Result features = cluster.kybern("console", "feature:list -i --no-format");
        assertEquals(0, features.exitCode(), features.output());
        for (String feature : List.of("kybern-store", "kybern-store-etcd", "kybern-apiserver", "kybern-scheduler",
                "kybern-controllers", "kybern-kubelet", "kybern-runtime-docker", "kybern-runtime-rkt",
                "kybern-proxy", "kybern-proxy-nftables", "kybern-proxy-userspace", "kybern-dns", "kybern-client", "kybern-master", "kybern-node", "kybern-all")) {
            assertTrue(features.output().lines().anyMatch(l -> l.split("\\s+")[0].equals(feature) && l.contains("Started")),
                    feature + " installed and started:\n" + features.output());
        }
        KybernCluster.Result bundles = cluster.kybern("console", "bundle:list -t 0 --no-format | grep Kybern");
        assertEquals(0, bundles.exitCode(), bundles.output());
        List<String> kybernBundles = bundles.output().lines().filter(l -> l.contains("Kybern")).toList();
        // Fourteen bundles, all Active, and the model export fragment, Resolved as fragments are.
        assertEquals(15, kybernBundles.size(), bundles.output());
        assertEquals(14, kybernBundles.stream().filter(l -> l.contains("Active")).count(), bundles.output());
        assertTrue(kybernBundles.stream().anyMatch(l -> l.contains("Resolved") && l.contains("model export fragment")),
                bundles.output());
    }

    @Test
    @Order(4)
    void statusSaysReady() throws Exception {
        KybernCluster.Result status = cluster.kybern("status");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("ready at " + cluster.server()), status.output());
    }

    @Test
    @Order(4)
    void downWithAnUnknownOptionSaysWhatItTakesAndStopsNothing() throws Exception {
        KybernCluster.Result down = cluster.kybern("down", "--force");
        assertNotEquals(0, down.exitCode(), down.output());
        assertTrue(down.output().contains("down takes no argument but --stop-dockerd, not '--force'"), down.output());
        KybernCluster.Result status = cluster.kybern("status");
        assertEquals(0, status.exitCode(), "still running: " + status.output());
    }

    @Test
    @Order(5)
    void aRestartReusesTheCaAndTheTokensAndKubectlStillConnects() throws Exception {
        byte[] ca = Files.readAllBytes(cluster.caCertificate());
        byte[] caKey = Files.readAllBytes(cluster.caCertificate().resolveSibling("ca.key"));
        String tokens = Files.readString(cluster.tokenFile());
        KybernCluster.Result down = cluster.kybern("down");
        assertEquals(0, down.exitCode(), down.output());
        KybernCluster.Result up = cluster.kybern("up");
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("API:     " + cluster.server()), up.output());
        assertTrue(up.output().contains("context 'kybern' added to " + cluster.kubeconfig()), up.output());
        assertArrayEquals(ca, Files.readAllBytes(cluster.caCertificate()), "the CA is reused, not made again");
        assertArrayEquals(caKey, Files.readAllBytes(cluster.caCertificate().resolveSibling("ca.key")));
        assertEquals(tokens, Files.readString(cluster.tokenFile()), "the tokens are reused");
        KybernCluster.Result namespaces = cluster.run(List.of("/usr/bin/kubectl", "--kubeconfig",
                cluster.kubeconfig().toString(), "get", "namespaces", "-o", "name"));
        assertEquals(0, namespaces.exitCode(), namespaces.output());
        assertTrue(namespaces.output().contains("namespace/default"), namespaces.output());
    }
}
