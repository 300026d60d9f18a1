package org.kybern.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kybern.runtime.docker.internal.TestPods.await;
import static org.kybern.runtime.docker.internal.TestPods.container;
import static org.kybern.runtime.docker.internal.TestPods.logs;
import static org.kybern.runtime.docker.internal.TestPods.newUid;
import static org.kybern.runtime.docker.internal.TestPods.runPod;
import static org.kybern.runtime.docker.internal.TestPods.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.ContainerStats;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.ExecResult;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.PodSandboxStatus;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;

/** The Docker runtime against the real dockerd (`./kybern images` starts it and builds the images). */
class DockerRuntimeTest {

    private static DockerRuntime runtime;

    @BeforeAll
    static void startRuntime() {
        runtime = TestPods.runtime(2);
        await("the sandbox pool to fill", Duration.ofSeconds(20), () -> runtime.idlePoolSandboxes() == 2);
    }

    @AfterAll
    static void removeEverything() {
        if (runtime != null) {
            TestPods.removeEverythingOfThisRun(runtime);
            runtime.close();
        }
    }

    @Test
    void containersOfOnePodReachEachOtherOnLocalhost() {
        String uid = newUid();
        String sandboxId = runtime.runPodSandbox(sandbox("web", uid, List.of()));
        String server = runtime.createContainer(sandboxId, container("web", uid, "server",
                "echo hello-from-the-server > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"));
        String sidecar = runtime.createContainer(sandboxId, container("web", uid, "sidecar",
                "until wget -q -O - http://localhost:8080/index.html; do sleep 0.2; done; exec sleep 3600"));
        runtime.startContainer(server);
        runtime.startContainer(sidecar);

        await("the sidecar to fetch the server's page over localhost", Duration.ofSeconds(15),
                () -> logs(runtime, sidecar, LogOptions.all()).contains("hello-from-the-server"));
        PodSandboxStatus status = runtime.podSandboxStatus(sandboxId).orElseThrow();
        assertEquals(PodSandboxStatus.State.READY, status.state());
        assertNotNull(status.ip(), "the pod has an IP on Docker's bridge");
        assertEquals("web", runtime.exec(sidecar, List.of("cat", "/etc/hostname"), Duration.ofSeconds(5))
                .stdout().trim(), "the pod's hostname file names the pod");
        assertEquals(sandboxId, runtime.containerStatus(server).orElseThrow().sandboxId());
    }

    @Test
    void hostPortsReachThePodAndItsResolvConfNamesThePodsDns() throws Exception {
        int hostPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            hostPort = socket.getLocalPort();
        }
        List<String> dns = List.of("10.96.0.10");
        List<String> searches = List.of("default.svc.cluster.local", "svc.cluster.local");
        String uid = newUid();
        String ported = runtime.runPodSandbox(new PodSandboxConfig("served", "default", uid, 0, "served",
                TestPods.podLabels("served", uid), dns, searches, List.of("ndots:5"),
                List.of(new PodSandboxConfig.PortMapping("TCP", 8080, hostPort, "127.0.0.1"))));
        String server = runtime.createContainer(ported, container("served", uid, "server",
                "echo served-through-a-host-port > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"));
        runtime.startContainer(server);
        String pooledUid = newUid();
        String pooled = runtime.runPodSandbox(new PodSandboxConfig("resolver", "default", pooledUid, 0, "resolver",
                TestPods.podLabels("resolver", pooledUid), dns, searches, List.of("ndots:5"), List.of()));
        String pooledApp = runtime.createContainer(pooled, container("resolver", pooledUid, "app", "exec sleep 3600"));
        runtime.startContainer(pooledApp);

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + hostPort + "/index.html")).build();
        await("the pod to answer on host port " + hostPort, Duration.ofSeconds(15), () -> {
            try {
                return http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                        .contains("served-through-a-host-port");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        for (String container : List.of(server, pooledApp)) {
            String resolvConf = runtime.exec(container, List.of("cat", "/etc/resolv.conf"), Duration.ofSeconds(5)).stdout();
            assertTrue(resolvConf.contains("nameserver 10.96.0.10"), resolvConf);
            assertTrue(resolvConf.contains("search default.svc.cluster.local svc.cluster.local"), resolvConf);
            assertTrue(resolvConf.contains("options ndots:5"), resolvConf);
        }
    }

    @Test
    void envArgsWorkingDirMountsUserAndLimitsAreVisibleInside(@TempDir Path hostDir) throws IOException {
        Files.writeString(hostDir.resolve("file"), "from-the-host");
        // Readable by the container's user 65534.
        Files.setPosixFilePermissions(hostDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(hostDir.resolve("file"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String uid = newUid();
        String sandboxId = runtime.runPodSandbox(sandbox("settings", uid, List.of()));
        ContainerConfig config = container("settings", uid, "main",
                "echo \"$GREETING\"; pwd; id -u; cat /data/file; echo;"
                        + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
                        + " /sys/fs/cgroup/cpu/cpu.shares; touch /data/x 2>/dev/null || echo read-only",
                Map.of("GREETING", "hello world"), "/tmp",
                List.of(new ContainerConfig.Mount(hostDir.toString(), "/data", true)), 64L << 20, 500, 250, 65534L);
        String id = runtime.createContainer(sandboxId, config);
        runtime.startContainer(id);
        await("the container to exit", Duration.ofSeconds(10), () -> exited(id));

        assertEquals(List.of("hello world", "/tmp", "65534", "from-the-host", String.valueOf(64L << 20), "50000", "256",
                "read-only"), logs(runtime, id, LogOptions.all()).lines().toList());
    }

    @Test
    void aMemoryHogOverItsLimitIsOomKilled() {
        String uid = newUid();
        String sandboxId = runtime.runPodSandbox(sandbox("hog", uid, List.of()));
        // Over its limit after a second, as a real hog: Docker watches for OOM kills only once the process
        // runs, and does not see one in its first moments (docs/node.md).
        String id = runtime.createContainer(sandboxId, container("hog", uid, "main",
                "sleep 1; exec dd if=/dev/zero of=/dev/null bs=100M count=1", Map.of(), null, List.of(), 32L << 20,
                0, 0, null));
        runtime.startContainer(id);
        await("the hog to exit", Duration.ofSeconds(10), () -> exited(id));

        ContainerStatus status = runtime.containerStatus(id).orElseThrow();
        assertEquals("OOMKilled", status.reason(), status.toString());
        assertEquals(137, status.exitCode());
    }

    @Test
    void exitCodesGiveKubernetesReasons() {
        String[] completed = runPod(runtime, "completes", "echo done");
        String[] failed = runPod(runtime, "fails", "exit 3");
        await("both to exit", Duration.ofSeconds(10), () -> exited(completed[1]) && exited(failed[1]));

        ContainerStatus ok = runtime.containerStatus(completed[1]).orElseThrow();
        assertEquals(0, ok.exitCode());
        assertEquals("Completed", ok.reason());
        assertNotNull(ok.startedAt());
        // Not compared with startedAt: Docker stamps the start after runc returns, a quick exit may precede it.
        assertNotNull(ok.finishedAt());
        ContainerStatus error = runtime.containerStatus(failed[1]).orElseThrow();
        assertEquals(3, error.exitCode());
        assertEquals("Error", error.reason());
        assertEquals("main", error.name());
    }

    @Test
    void stopWaitsForSigtermThenKills() {
        String[] polite = runPod(runtime, "polite", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done");
        String[] stubborn = runPod(runtime, "stubborn", "trap '' TERM; while :; do sleep 1; done");
        await("both to run", Duration.ofSeconds(10), () -> running(polite[1]) && running(stubborn[1]));

        long start = System.nanoTime();
        runtime.stopContainer(polite[1], Duration.ofSeconds(10));
        Duration politeStop = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        runtime.stopContainer(stubborn[1], Duration.ofSeconds(2));
        Duration stubbornStop = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(politeStop.compareTo(Duration.ofSeconds(3)) < 0, "SIGTERM handled, stopped in " + politeStop);
        assertEquals(0, runtime.containerStatus(polite[1]).orElseThrow().exitCode());
        assertTrue(stubbornStop.compareTo(Duration.ofMillis(1900)) >= 0, "killed only after the grace period: " + stubbornStop);
        assertEquals(137, runtime.containerStatus(stubborn[1]).orElseThrow().exitCode(), "SIGKILL");
    }

    @Test
    void logsHonourTailTimestampsAndFollow() {
        String[] pod = runPod(runtime, "logger", "for i in 1 2 3 4 5; do echo line$i; done; sleep 0.3; echo oops >&2; sleep 0.3;"
                + " for i in 6 7; do echo line$i; sleep 0.2; done");

        assertEquals("line1\nline2\nline3\nline4\nline5\noops\nline6\nline7\n",
                logs(runtime, pod[1], new LogOptions(true, -1, null, false)), "follow ends when the container exits");
        assertEquals("line6\nline7\n", logs(runtime, pod[1], new LogOptions(false, 2, null, false)));
        String stamped = logs(runtime, pod[1], new LogOptions(false, 1, null, true));
        assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z line7\\n"), stamped);
    }

    @Test
    void execReturnsOutputAndExitCodeAndStopsWaitingAtTheTimeout() {
        String[] pod = runPod(runtime, "exec", "exec sleep 3600");
        await("it to run", Duration.ofSeconds(10), () -> running(pod[1]));

        ExecResult result = runtime.exec(pod[1], List.of("sh", "-c", "echo out; echo err >&2; exit 7"), Duration.ofSeconds(5));
        assertEquals(new ExecResult(7, "out\n", "err\n", false), result);
        long start = System.nanoTime();
        ExecResult slow = runtime.exec(pod[1], List.of("sleep", "10"), Duration.ofMillis(500));
        assertTrue(slow.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
        assertTrue(runtime.exec(pod[1], List.of("/no/such/binary"), Duration.ofSeconds(5)).exitCode() != 0);
    }

    @Test
    void statsReportMemoryAndCpuOfARunningContainer() {
        String[] pod = runPod(runtime, "busy", "while :; do :; done");
        await("it to run", Duration.ofSeconds(10), () -> running(pod[1]));

        ContainerStats stats = runtime.stats(pod[1]).orElseThrow();
        assertTrue(stats.memoryUsageBytes() > 0, "memory " + stats.memoryUsageBytes());
        assertTrue(stats.cpuUsageNanos() > 0, "cpu " + stats.cpuUsageNanos());
        runtime.stopContainer(pod[1], Duration.ZERO);
        assertTrue(runtime.stats(pod[1]).isEmpty(), "no stats once stopped");
    }

    @Test
    void everythingIsLabelledAndListedBySelectorWhetherPooledOrNot() {
        String uid = newUid();
        // Published ports are fixed when a container is created, so this sandbox is started cold.
        PodSandboxConfig withPort = sandbox("ported", uid,
                List.of(new PodSandboxConfig.PortMapping("TCP", 80, 0, "127.0.0.1")));
        String cold = runtime.runPodSandbox(withPort);
        String pooledUid = newUid();
        String pooled = runtime.runPodSandbox(sandbox("pooled", pooledUid, List.of()));
        String app = runtime.createContainer(pooled, container("pooled", pooledUid, "app", "exec sleep 3600"));

        for (String[] pod : List.of(new String[] {cold, uid}, new String[] {pooled, pooledUid})) {
            List<PodSandboxStatus> found = runtime.listPodSandboxes(Map.of(RuntimeLabels.POD_UID, pod[1]));
            assertEquals(1, found.size());
            assertEquals(pod[0], found.get(0).id());
            assertEquals(TestPods.NODE, found.get(0).labels().get(RuntimeLabels.NODE_NAME));
        }
        List<ContainerStatus> containers = runtime.listContainers(Map.of(RuntimeLabels.POD_UID, pooledUid));
        assertEquals(List.of(app), containers.stream().map(ContainerStatus::id).toList());
        assertEquals(ContainerStatus.State.CREATED, containers.get(0).state());
        assertEquals("0", containers.get(0).labels().get(RuntimeLabels.CONTAINER_ATTEMPT));

        // A runtime that did not claim the sandbox (a restarted bundle) reads its labels back from it.
        DockerRuntime restarted = new DockerRuntime("unix:///var/run/docker.sock", "kybern/pause:1", 0);
        try {
            PodSandboxStatus readopted = restarted.listPodSandboxes(Map.of(RuntimeLabels.POD_UID, pooledUid)).get(0);
            assertEquals(pooled, readopted.id());
            assertEquals("pooled", readopted.labels().get(RuntimeLabels.POD_NAME));
        } finally {
            restarted.close();
        }
    }

    @Test
    void stopAndRemoveAreIdempotent() {
        String[] pod = runPod(runtime, "twice", "exec sleep 3600");
        runtime.stopContainer(pod[1], Duration.ZERO);
        runtime.stopContainer(pod[1], Duration.ZERO);
        runtime.stopPodSandbox(pod[0]);
        runtime.stopPodSandbox(pod[0]);
        assertEquals(PodSandboxStatus.State.NOT_READY, runtime.podSandboxStatus(pod[0]).orElseThrow().state());
        runtime.removePodSandbox(pod[0]);
        runtime.removePodSandbox(pod[0]);
        runtime.removeContainer(pod[1]);
        assertTrue(runtime.podSandboxStatus(pod[0]).isEmpty());
        assertTrue(runtime.containerStatus(pod[1]).isEmpty(), "the sandbox's containers went with it");
    }

    @Test
    void aContainerOfAMissingImageIsAClearError() {
        String uid = newUid();
        String sandboxId = runtime.runPodSandbox(sandbox("noimage", uid, List.of()));
        ContainerConfig config = container("noimage", uid, "main", "true");
        ContainerConfig missing = new ContainerConfig("main", "kybern/no-such-image:" + TestPods.RUN, config.command(),
                config.args(), config.env(), null, List.of(), config.labels(), 0, 0, 0, null);
        RuntimeOperationException error = assertThrows(RuntimeOperationException.class,
                () -> runtime.createContainer(sandboxId, missing));
        assertTrue(error.getMessage().contains("No such image"), error.getMessage());
    }

    @Test
    void anUnreachableDockerdIsReportedWithWhatToDo() {
        DockerRuntime nowhere = new DockerRuntime("unix:///tmp/kybern-no-dockerd-" + TestPods.RUN + ".sock",
                "kybern/pause:1", 2);
        try {
            RuntimeOperationException error = assertThrows(RuntimeOperationException.class, nowhere::version);
            assertTrue(error.getMessage().contains("./kybern images"), error.getMessage());
        } finally {
            nowhere.close();
        }
    }

    private static boolean exited(String id) {
        return runtime.containerStatus(id).orElseThrow().state() == ContainerStatus.State.EXITED;
    }

    private static boolean running(String id) {
        return runtime.containerStatus(id).orElseThrow().state() == ContainerStatus.State.RUNNING;
    }
}
