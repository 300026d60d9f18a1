package org.kybern.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;

/** Pods for the tests on the real dockerd; every one is labelled with this run, so cleanup finds it all. */
final class TestPods {

    static final String BUSYBOX = "kybern/busybox:1";
    static final String TEST_RUN_LABEL = "io.kybern.test.run";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String NODE = "test-node-" + RUN;

    private TestPods() {
    }

    static DockerRuntime runtime(int poolSize) {
        DockerRuntime runtime = new DockerRuntime("unix:///var/run/docker.sock", "kybern/pause:1", poolSize);
        try {
            runtime.version();
            if (runtime.imageStatus(BUSYBOX).isEmpty() || runtime.imageStatus("kybern/pause:1").isEmpty()) {
                fail("the images kybern/busybox:1 and kybern/pause:1 are missing: run `./kybern images` first");
            }
        } catch (RuntimeOperationException e) {
            fail("these tests need a running dockerd: `./kybern images` (from the repository root) starts it. "
                    + e.getMessage());
        }
        return runtime;
    }

    static Map<String, String> podLabels(String name, String uid) {
        return Map.of(RuntimeLabels.POD_NAME, name, RuntimeLabels.POD_NAMESPACE, "default", RuntimeLabels.POD_UID, uid,
                RuntimeLabels.NODE_NAME, NODE, TEST_RUN_LABEL, RUN);
    }

    static PodSandboxConfig sandbox(String name, String uid, List<PodSandboxConfig.PortMapping> ports) {
        return new PodSandboxConfig(name, "default", uid, 0, name, podLabels(name, uid), List.of(), List.of(), ports);
    }

    static String newUid() {
        return UUID.randomUUID().toString();
    }

    static ContainerConfig container(String podName, String uid, String name, String script) {
        return container(podName, uid, name, script, Map.of(), null, List.of(), 0, 0, 0, null);
    }

    static ContainerConfig container(String podName, String uid, String name, String script, Map<String, String> env,
            String workingDir, List<ContainerConfig.Mount> mounts, long memoryBytes, long cpuLimitMillis,
            long cpuRequestMillis, Long runAsUser) {
        Map<String, String> labels = new HashMap<>(podLabels(podName, uid));
        labels.put(RuntimeLabels.CONTAINER_NAME, name);
        labels.put(RuntimeLabels.CONTAINER_ATTEMPT, "0");
        return new ContainerConfig(name, BUSYBOX, List.of("sh", "-c"), List.of(script), env, workingDir, mounts, labels,
                memoryBytes, cpuLimitMillis, cpuRequestMillis, runAsUser);
    }

    /** Starts a pod of one container running {@code script}; returns {sandboxId, containerId}. */
    static String[] runPod(ContainerRuntime runtime, String podName, String script) {
        String uid = newUid();
        String sandbox = runtime.runPodSandbox(sandbox(podName, uid, List.of()));
        String container = runtime.createContainer(sandbox, container(podName, uid, "main", script));
        runtime.startContainer(container);
        return new String[] {sandbox, container};
    }

    static String logs(ContainerRuntime runtime, String containerId, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            runtime.logs(containerId, options, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Removes every sandbox and container this test run made, pool sandboxes included. */
    static void removeEverythingOfThisRun(ContainerRuntime runtime) {
        List<String> sandboxes = new ArrayList<>();
        runtime.listPodSandboxes(Map.of(TEST_RUN_LABEL, RUN)).forEach(sandbox -> sandboxes.add(sandbox.id()));
        sandboxes.forEach(runtime::removePodSandbox);
        runtime.listContainers(Map.of(TEST_RUN_LABEL, RUN)).forEach(container -> runtime.removeContainer(container.id()));
    }
}
