package org.kybern.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Docker runtime inside the real distribution, on the real dockerd: its embedded docker-java
 * (and JNA, for the unix socket) work in the bundle, it runs a pod, and stopping the bundle removes
 * its idle pool sandboxes and ends its thread.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DockerRuntimeIT extends KarafTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String POOL_OWNER_LABEL = "io.kybern.sandbox.pool";

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(DistributionIT.distribution(), "Kybern"));
    }

    @Test
    public void theRuntimeServiceRunsAPodOnDockerd() throws Exception {
        ContainerRuntime runtime = dockerRuntime();
        assertEquals("docker", runtime.name());
        String uid = UUID.randomUUID().toString();
        Map<String, String> labels = Map.of(RuntimeLabels.POD_NAME, "karaf-pod", RuntimeLabels.POD_NAMESPACE, "default",
                RuntimeLabels.POD_UID, uid, RuntimeLabels.NODE_NAME, "docker-runtime-it",
                RuntimeLabels.CONTAINER_NAME, "main", RuntimeLabels.CONTAINER_ATTEMPT, "0");
        String sandbox = runtime.runPodSandbox(new PodSandboxConfig("karaf-pod", "default", uid, 0, "karaf-pod", labels,
                List.of(), List.of(), List.of()));
        try {
            String container = runtime.createContainer(sandbox, new ContainerConfig("main", "kybern/busybox:1",
                    List.of("sh", "-c"), List.of("echo hello-from-karaf; exec sleep 3600"), Map.of(), null, List.of(),
                    labels, 0, 0, 0, null));
            runtime.startContainer(container);
            Kybern.await(DEADLINE, () -> logs(runtime, container).contains("hello-from-karaf"),
                    () -> "the container's output: " + logs(runtime, container));
            assertEquals("karaf-pod", runtime.exec(container, List.of("cat", "/etc/hostname"), Duration.ofSeconds(10))
                    .stdout().trim());
            assertEquals(List.of(container), runtime.listContainers(Map.of(RuntimeLabels.POD_UID, uid)).stream()
                    .map(status -> status.id()).toList());
        } finally {
            runtime.stopPodSandbox(sandbox);
            runtime.removePodSandbox(sandbox);
        }
        assertTrue(runtime.listPodSandboxes(Map.of(RuntimeLabels.POD_UID, uid)).isEmpty());
    }

    @Test
    public void stoppingTheBundleRemovesItsIdlePoolSandboxesAndEndsItsThread() throws Exception {
        dockerRuntime();
        String owner = ProcessHandle.current().pid() + "@" + Files.readString(Path.of("/etc/hostname")).trim();
        // The default sandboxPoolSize.
        Kybern.await(DEADLINE, () -> poolSandboxes(owner).size() == 10,
                () -> "pool sandboxes of this Karaf: " + poolSandboxes(owner));
        Bundle runtimeBundle = new Kybern(context).bundle("org.kybern.runtime.docker");
        runtimeBundle.stop();
        try {
            assertEquals(List.of(), poolSandboxes(owner));
            assertFalse("the pool's thread ended", Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> thread.getName().equals("kybern-sandbox-pool") && thread.isAlive()));
        } finally {
            runtimeBundle.start();
        }
    }

    private ContainerRuntime dockerRuntime() throws Exception {
        ServiceTracker<ContainerRuntime, ContainerRuntime> tracker = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + ContainerRuntime.class.getName() + ")("
                        + ContainerRuntime.TYPE_PROPERTY + "=docker))"), null);
        tracker.open();
        try {
            ContainerRuntime runtime = tracker.waitForService(DEADLINE.toMillis());
            if (runtime == null) {
                throw new AssertionError("no ContainerRuntime (kybern.runtime=docker) within " + DEADLINE.toSeconds() + " s");
            }
            try {
                runtime.version();
            } catch (RuntimeOperationException e) {
                throw new AssertionError("this test needs dockerd and Kybern's images: run `./kybern images`. "
                        + e.getMessage(), e);
            }
            return runtime;
        } finally {
            tracker.close();
        }
    }

    private static String logs(ContainerRuntime runtime, String container) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            runtime.logs(container, LogOptions.all(), out);
        } catch (Exception e) {
            return e.toString();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Pool sandboxes (idle or claimed) made by the runtime of this Karaf, by docker's own listing. */
    private static List<String> poolSandboxes(String owner) {
        try {
            Process docker = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + POOL_OWNER_LABEL + "=" + owner,
                    "--filter", "name=kybern_pool_").redirectErrorStream(true).start();
            String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!docker.waitFor(30, TimeUnit.SECONDS) || docker.exitValue() != 0) {
                throw new AssertionError("docker ps failed: " + output);
            }
            return output.lines().filter(line -> !line.isBlank()).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
