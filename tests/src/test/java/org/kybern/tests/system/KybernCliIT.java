package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's promise, run as a user runs it: {@code ./kybern up}, curl {@code /version}, a
 * second {@code up} that finds the running cluster, the console, {@code ./kybern down}. The
 * cluster runs from its own state directory on free ports, so a developer's cluster is untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KybernCliIT {

    private static final Path ROOT = Path.of(System.getProperty("kybern.root", "..")).toAbsolutePath().normalize();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
    private static final Map<String, String> ENV = new HashMap<>();
    private static int apiPort;

    @BeforeAll
    static void up() throws Exception {
        Path state = Files.createDirectories(Path.of("target/kybern-cli").toAbsolutePath());
        apiPort = freePort();
        ENV.put("KYBERN_STATE_DIR", state.toString());
        ENV.put("KYBERN_API_PORT", Integer.toString(apiPort));
        ENV.put("KYBERN_SSH_PORT", Integer.toString(freePort()));
        ENV.put("KYBERN_RMI_PORT", Integer.toString(freePort()));
        ENV.put("KYBERN_NO_BUILD", "1");
        Result up = kybern("up");
        assertEquals(0, up.exitCode, up.output);
        assertTrue(up.output.contains("ready"), up.output);
    }

    @AfterAll
    static void down() throws Exception {
        Result down = kybern("down");
        assertEquals(0, down.exitCode, down.output);
        Result status = kybern("status");
        assertEquals(3, status.exitCode, "not running after down: " + status.output);
    }

    @Test
    @Order(1)
    void versionAnswersKubernetesVersionJsonOverCurl() throws Exception {
        Result curl = run(List.of("curl", "-s", "http://127.0.0.1:" + apiPort + "/version"));
        assertEquals(0, curl.exitCode, curl.output);
        assertTrue(curl.output.contains("\"gitVersion\" : \"v1."), curl.output);
        assertTrue(curl.output.contains("\"major\" : \"1\""), curl.output);
    }

    @Test
    @Order(2)
    void upTwiceReportsTheRunningClusterInsteadOfStartingAnother() throws Exception {
        String pid = Files.readString(Path.of(ENV.get("KYBERN_STATE_DIR"), "karaf", "karaf.pid")).trim();
        Result again = kybern("up");
        assertEquals(0, again.exitCode, again.output);
        assertTrue(again.output.contains("already running (pid " + pid + ")"), again.output);
        assertEquals(pid, Files.readString(Path.of(ENV.get("KYBERN_STATE_DIR"), "karaf", "karaf.pid")).trim());
    }

    @Test
    @Order(3)
    void consoleShowsEveryKybernFeatureInstalledAndEveryBundleActive() throws Exception {
        Result features = kybern("console", "feature:list -i --no-format");
        assertEquals(0, features.exitCode, features.output);
        for (String feature : List.of("kybern-store", "kybern-store-etcd", "kybern-apiserver", "kybern-scheduler",
                "kybern-controllers", "kybern-kubelet", "kybern-runtime-docker", "kybern-runtime-rkt",
                "kybern-proxy", "kybern-master", "kybern-node", "kybern-all")) {
            assertTrue(features.output.lines().anyMatch(l -> l.split("\\s+")[0].equals(feature) && l.contains("Started")),
                    feature + " installed and started:\n" + features.output);
        }
        Result bundles = kybern("console", "bundle:list -t 0 --no-format | grep Kybern");
        assertEquals(0, bundles.exitCode, bundles.output);
        List<String> kybernBundles = bundles.output.lines().filter(l -> l.contains("Kybern")).toList();
        // Ten bundles, all Active, and the model export fragment, Resolved as fragments are.
        assertEquals(11, kybernBundles.size(), bundles.output);
        assertEquals(10, kybernBundles.stream().filter(l -> l.contains("Active")).count(), bundles.output);
        assertTrue(kybernBundles.stream().anyMatch(l -> l.contains("Resolved") && l.contains("model export fragment")),
                bundles.output);
    }

    @Test
    @Order(4)
    void statusSaysReady() throws Exception {
        Result status = kybern("status");
        assertEquals(0, status.exitCode, status.output);
        assertTrue(status.output.contains("ready at http://127.0.0.1:" + apiPort), status.output);
    }

    private static Result kybern(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("kybern").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(ENV);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
