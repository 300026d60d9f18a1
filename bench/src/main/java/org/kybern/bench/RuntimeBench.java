package org.kybern.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.kybern.api.runtime.ContainerConfig;
import org.kybern.api.runtime.PodSandboxConfig;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.runtime.docker.internal.DockerRuntime;

/**
 * A pod started by the Docker runtime (sandbox, then one container: create and start) beside
 * {@code docker run -d} of the same image, measured in the same run, one at a time, interleaved:
 * <ul>
 *   <li>{@code docker run -d} by the docker CLI (the reference), and {@code docker image inspect}
 *       by the CLI, to show how much of the reference is the CLI's own start;</li>
 *   <li>a pod whose sandbox is claimed from a warm pool (the pool refilled between pods);</li>
 *   <li>a pod whose sandbox is started for it (no pool: the cost of a second container start).</li>
 * </ul>
 * Usage: {@code bench/run runtime [pods=30]}; needs dockerd and the images of {@code ./kybern images}.
 */
public final class RuntimeBench {

    private static final String IMAGE = "kybern/busybox:1";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String BENCH_LABEL = "io.kybern.bench.run";

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        DockerRuntime pooled = new DockerRuntime("unix:///var/run/docker.sock", "kybern/pause:1", 2);
        DockerRuntime cold = new DockerRuntime("unix:///var/run/docker.sock", "kybern/pause:1", 0);
        List<Long> cli = new ArrayList<>();
        List<Long> cliOnly = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> unpooled = new ArrayList<>();
        List<Long> claims = new ArrayList<>();
        List<Long> coldSandboxes = new ArrayList<>();
        try {
            for (int i = -3; i < pods; i++) { // three rounds of warm-up
                awaitPool(pooled);
                long cliRun = time(() -> docker("run", "-d", "--label", BENCH_LABEL + "=" + RUN, IMAGE, "sleep", "3600"));
                long cliAlone = time(() -> docker("image", "inspect", IMAGE));
                long[] warmPod = startPodTimed(pooled);
                long[] coldPod = startPodTimed(cold);
                if (i >= 0) {
                    cli.add(cliRun);
                    cliOnly.add(cliAlone);
                    warm.add(warmPod[0]);
                    claims.add(warmPod[1]);
                    unpooled.add(coldPod[0]);
                    coldSandboxes.add(coldPod[1]);
                }
            }
        } finally {
            cleanUp(cold);
            pooled.close();
            cold.close();
        }
        double reference = percentile(cli, 50);
        System.out.printf("%d pods each, one at a time (ms)        p50      p99   ratio p50 to docker run -d%n", pods);
        row("docker run -d (CLI, reference)", cli, reference);
        row("docker image inspect (the CLI's own cost)", cliOnly, reference);
        row("pod, sandbox from a warm pool", warm, reference);
        row("pod, sandbox started for it", unpooled, reference);
        row("  of which: sandbox claimed from pool", claims, reference);
        row("  of which: sandbox started cold", coldSandboxes, reference);
    }

    /** A pod of one container; returns {pod ms, sandbox ms}. */
    private static long[] startPodTimed(DockerRuntime runtime) {
        long[] sandboxNanos = new long[1];
        long pod = time(() -> startPod(runtime, sandboxNanos));
        return new long[] {pod, TimeUnit.NANOSECONDS.toMillis(sandboxNanos[0])};
    }

    private static void startPod(DockerRuntime runtime, long[] sandboxNanos) {
        String uid = UUID.randomUUID().toString();
        String name = "bench-" + uid.substring(0, 8);
        Map<String, String> labels = Map.of(RuntimeLabels.POD_NAME, name, RuntimeLabels.POD_NAMESPACE, "bench",
                RuntimeLabels.POD_UID, uid, RuntimeLabels.NODE_NAME, "bench", RuntimeLabels.CONTAINER_NAME, "main",
                RuntimeLabels.CONTAINER_ATTEMPT, "0", BENCH_LABEL, RUN);
        long start = System.nanoTime();
        String sandbox = runtime.runPodSandbox(new PodSandboxConfig(name, "bench", uid, 0, name, labels, List.of(),
                List.of(), List.of()));
        sandboxNanos[0] = System.nanoTime() - start;
        ContainerConfig config = new ContainerConfig("main", IMAGE, List.of("sleep"), List.of("3600"), Map.of(), null,
                List.of(), labels, 0, 0, 0, null);
        runtime.startContainer(runtime.createContainer(sandbox, config));
    }

    private static void awaitPool(DockerRuntime pooled) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        BooleanSupplier full = () -> pooled.idlePoolSandboxes() == 2;
        while (!full.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox pool did not fill within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static void cleanUp(DockerRuntime runtime) {
        runtime.listPodSandboxes(Map.of(BENCH_LABEL, RUN)).forEach(sandbox -> runtime.removePodSandbox(sandbox.id()));
        String ids = docker("ps", "-aq", "--filter", "label=" + BENCH_LABEL + "=" + RUN).trim();
        if (!ids.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("rm", "-f"));
            command.addAll(ids.lines().toList());
            docker(command.toArray(String[]::new));
        }
    }

    private static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output
                        + " (is dockerd running? `./kybern images` starts it)");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void row(String name, List<Long> millis, double reference) {
        System.out.printf("%-42s %6d   %6d   %.2f%n", name, percentile(millis, 50), percentile(millis, 99),
                percentile(millis, 50) / reference);
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
