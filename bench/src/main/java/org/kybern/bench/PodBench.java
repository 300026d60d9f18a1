package org.kybern.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pod start latency: from the create request to the watch event that shows the pod Running, one
 * pod at a time, against {@code docker run -d} of the same image and command in the same run (pod
 * and reference alternate, so drift on the machine falls on both). The cluster's kubelet runs the
 * pods on the same dockerd.
 *
 * <p>Run with {@code bench/run pods [pods=30]}.
 */
public final class PodBench {

    private static final String NAMESPACE = "bench-pods";
    private static final String IMAGE = "kybern/busybox:1";
    /** The same in both: waits, and exits at once on SIGTERM. */
    private static final List<String> COMMAND = List.of("sh", "-c",
            "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done");
    private static final int WARM_UP = 3;
    private static final double GOAL_P50_RATIO = 1.3;

    private final ApiConnection api;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String node;
    private final List<String> referenceContainers = new ArrayList<>();

    private PodBench(ApiConnection api, String node) {
        this.api = api;
        this.http = api.newClient(null);
        this.node = node;
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path state = Path.of(System.getProperty("kybern.bench.state"));
        int port = Integer.getInteger("kybern.bench.port");
        String node = System.getProperty("kybern.bench.node");
        PodBench bench = new PodBench(ApiConnection.forCluster(state, port), node);
        try {
            bench.run(pods);
        } finally {
            bench.cleanUp();
        }
    }

    private void run(int pods) throws Exception {
        System.out.printf("Pod start: create -> Running (watched), %d pods one at a time, on node %s of %s%n", pods,
                node, api.describe());
        System.out.printf("Reference: docker run -d %s %s, in the same run, alternating with the pods%n", IMAGE,
                COMMAND);
        send(api.request("/api/v1/namespaces").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}")).build(), 201);
        WatchLines watch = WatchLines.open(http, api, json, NAMESPACE);
        try {
            for (int i = 0; i < WARM_UP; i++) {
                podStart(watch, "warm-" + i);
                dockerRun();
            }
            long[] pod = new long[pods];
            long[] docker = new long[pods];
            for (int i = 0; i < pods; i++) {
                pod[i] = podStart(watch, "pod-" + i);
                docker[i] = dockerRun();
            }
            Arrays.sort(pod);
            Arrays.sort(docker);
            System.out.printf("%n  %-34s %6s %9s %9s %9s%n", "", "n", "p50 ms", "p99 ms", "max ms");
            print("pod create -> Running", pod);
            print("docker run -d (reference)", docker);
            double ratio = percentile(pod, 50) / percentile(docker, 50);
            System.out.printf("%n  ratio p50: %.2fx   ratio p99: %.2fx%n", ratio,
                    percentile(pod, 99) / percentile(docker, 99));
            System.out.printf("Goal (issue 6): pod p50 <= %.1fx docker run p50: %s%n", GOAL_P50_RATIO,
                    ratio <= GOAL_P50_RATIO ? "met" : "NOT met");
        } finally {
            watch.cancel();
        }
    }

    /** Creates a pod bound to the node and returns the ns until the watch showed it Running. */
    private long podStart(WatchLines watch, String name) throws Exception {
        String pod = """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": %s},
                 "spec": {"nodeName": %s, "terminationGracePeriodSeconds": 5,
                          "containers": [{"name": "app", "image": %s, "command": %s}]}}
                """.formatted(json.writeValueAsString(name), json.writeValueAsString(node),
                json.writeValueAsString(IMAGE), json.writeValueAsString(COMMAND));
        long start = System.nanoTime();
        send(api.request("/api/v1/namespaces/" + NAMESPACE + "/pods").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(pod)).build(), 201);
        long running = watch.awaitEvent(name, "Running",
                (type, object) -> object.path("status").path("phase").asString("").equals("Running"),
                start + TimeUnit.SECONDS.toNanos(60));
        if (running < 0) {
            throw new IllegalStateException("pod " + name + " not Running within 60 s");
        }
        return running - start;
    }

    /** {@code docker run -d} of the same image and command; returns the ns until the CLI returned. */
    private long dockerRun() throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--label", "kybern.bench=pods", IMAGE));
        command.addAll(COMMAND);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = p.waitFor();
        long took = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("docker run failed (" + exit + "): " + out);
        }
        referenceContainers.add(out);
        return took;
    }

    /** Deletes the pods and waits until the kubelet has removed them; removes the reference containers. */
    private void cleanUp() throws Exception {
        if (!referenceContainers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(referenceContainers);
            new ProcessBuilder(rm).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(60, TimeUnit.SECONDS);
        }
        send(api.request("/api/v1/namespaces/" + NAMESPACE + "/pods").DELETE().build(), 200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http.send(api.request("/api/v1/namespaces/" + NAMESPACE + "/pods").GET()
                    .build(), BodyHandlers.ofString());
            if (list.statusCode() == 200 && json.readTree(list.body()).path("items").isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        System.err.println("bench: the pods of " + NAMESPACE + " were not all gone after 120 s");
    }

    private void send(java.net.http.HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode()
                    + " " + r.body());
        }
    }

    private static void print(String what, long[] sorted) {
        System.out.printf("  %-34s %6d %9.1f %9.1f %9.1f%n", what, sorted.length, percentile(sorted, 50),
                percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile of sorted ns, in ms. */
    static double percentile(long[] sorted, double percent) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
