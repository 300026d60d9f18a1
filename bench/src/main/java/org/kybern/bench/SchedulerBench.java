package org.kybern.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler end to end through the real API server (Kybern issue 7), on a SIMULATED cluster of
 * {@link HollowNodes hollow nodes} (Node objects only, no kubelets):
 * <ol>
 *   <li>reference: {@code pods} pods created at {@code clients} concurrency that no scheduler takes
 *       ({@code schedulerName: kybern-bench-none}), in a namespace of their own, then deleted: API
 *       creates per second;</li>
 *   <li>measured: the same pods with the default scheduler, selecting and tolerating the hollow nodes,
 *       created at the same concurrency while one watch (opened before the first create) notes when each
 *       is first seen with {@code spec.nodeName}: scheduled pods per second (pods / (last bound seen −
 *       first create sent)), per-pod latency (bound seen − create sent) and their ratio to the reference.</li>
 * </ol>
 * Warm-up rounds of both kinds (a fifth of the pods, {@value #WARM_UP_PODS} at most, scheduled and then
 * created for no scheduler) run first, until the cluster JVM's JIT compiler threads used less than
 * {@value #SETTLED_PERCENT}% of its CPU in a round, or {@value #WARM_UP_ROUNDS} rounds: the JVM is still
 * compiling its hot paths minutes in, and both phases should see it settled. Then the checks: every pod
 * bound, none seen on a second node, the final list agreeing with the watch, no node holding more
 * than its allocatable; any failure, or a measured phase not done in {@value #DEADLINE_MINUTES}
 * minutes, ends with exit code 1 and what was seen.
 * Usage: {@code bench/run scheduler [nodes=1000] [pods=10000] [clients=16]}; with
 * {@code -Dkybern.bench.jfr=<file>} the Karaf JVM's JFR recording (started with it) is written to the file
 * at the end of the measured phase.
 */
public final class SchedulerBench {

    static final int DEADLINE_MINUTES = 10;
    private static final int WARM_UP_PODS = 2_000;
    private static final int WARM_UP_ROUNDS = 24;
    private static final int SETTLED_PERCENT = 10;
    private static final double GOAL_PODS_PER_SECOND = 1000;
    private static final String NO_SCHEDULER = "kybern-bench-none";
    private static final String WARM_UP = "bench-sched-warm";
    private static final String REFERENCE = "bench-sched-reference";
    private static final String MEASURED = "bench-sched";

    private final ApiConnection api;
    private final Path state;
    private final HttpClient[] clients;
    private final HttpClient watchClient;
    private final JsonMapper json = JsonMapper.builder().build();

    private SchedulerBench(ApiConnection api, Path state, int clients) {
        this.api = api;
        this.state = state;
        this.clients = new HttpClient[clients];
        for (int k = 0; k < clients; k++) {
            this.clients[k] = api.newClient(null);
        }
        this.watchClient = api.newClient(null);
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        SchedulerBench bench = new SchedulerBench(ApiConnection.forBenchmark("scheduler"),
                ApiConnection.stateDir("scheduler"), clients);
        boolean ok;
        try {
            ok = bench.run(nodes, pods);
        } catch (RuntimeException e) {
            System.err.println("SchedulerBench failed: " + e);
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int nodes, int pods) throws Exception {
        System.out.printf("Kybern scheduler benchmark (issue 7): %s%n", api.describe());
        System.out.printf("SIMULATION: %d hollow nodes (Node objects only, no kubelet; label and taint %s=true), "
                + "%s cpu / %s / %s pods each, %d zones%n", nodes, HollowNodes.LABEL, HollowNodes.CPU, HollowNodes.MEMORY,
                HollowNodes.PODS, HollowNodes.ZONES);
        System.out.printf("%d pods (requests 100m cpu / 128Mi) created by %d clients (one HttpClient each, HTTP/1.1); "
                + "the bench runs on the same machine as the cluster.%n", pods, clients.length);
        System.out.printf("%s at the start.%n%n", ApiBench.machine());
        for (String ns : List.of(REFERENCE, MEASURED)) {
            createNamespace(ns);
        }
        double nodeSeconds = HollowNodes.create(api, clients, nodes);
        System.out.printf("hollow nodes created in %.1f s%n", nodeSeconds);

        long cluster = Long.parseLong(Files.readString(state.resolve("karaf/karaf.pid")).trim());
        long self = ProcessHandle.current().pid();
        if (!warmUp(Math.min(WARM_UP_PODS, Math.max(1, pods / 5)), cluster)) {
            return false;
        }
        Together together = Together.fromProperties();
        together.await("reference");
        Cpu before = Cpu.of(cluster, self);
        ApiBench.Result reference = createReference(pods);
        Cpu referenceCpu = Cpu.of(cluster, self).since(before);
        deleteAll(REFERENCE);

        together.await("measured");
        Jfr jfr = Jfr.start(state, System.getProperty("kybern.bench.jfr", ""));
        Run measured;
        Cpu measuredCpu;
        System.out.printf("measuring %d scheduled pods from %s%n", pods, Instant.now()); // a mark for tools watching the cluster
        try {
            before = Cpu.of(cluster, self);
            measured = schedule(MEASURED, pods, TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES));
            measuredCpu = Cpu.of(cluster, self).since(before);
        } finally {
            jfr.stop();
        }
        Instant end = Instant.now();
        boolean ok = report(reference, measured) & check(measured.bindings);
        System.out.printf("%n  CPU per pod (ms)                  cluster JVM   of it JIT compiler   bench client   the rest   phase s"
                + "   idle cores%n");
        referenceCpu.print("API create, no scheduler", pods, reference.seconds());
        measuredCpu.print("scheduled (create, schedule, bind)", pods, measured.seconds());
        System.out.printf("  at 1 000 pods/s a pod may cost %.1f ms of CPU here in all (%d cores); the rest: other processes "
                + "and the kernel's threads (/proc/stat)%n", Runtime.getRuntime().availableProcessors() * 1000.0 / GOAL_PODS_PER_SECOND,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("the scheduled phase ended at %s%n", end);
        System.out.printf("%s at the end.%n", ApiBench.machine());
        return ok;
    }

    /**
     * The cluster's JVM compiles its hot paths (TLS, JSON, store, watches, scheduling) for minutes under
     * this load: rounds of both kinds of work (each round in a namespace of its own, its scheduled pods
     * deleted at once afterwards, so the nodes keep room for the measured phase) until its JIT compiler
     * threads used less than {@value #SETTLED_PERCENT}% of its CPU in a round.
     */
    private boolean warmUp(int warm, long cluster) throws Exception {
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            String namespace = WARM_UP + "-" + round;
            createNamespace(namespace);
            ProcessCpu before = ProcessCpu.of(cluster);
            Bindings warmed = schedule(namespace, warm, TimeUnit.MINUTES.toNanos(4)).bindings;
            if (!warmed.allBound()) {
                System.out.printf("FAILED: the %d pods of warm-up round %d were not all bound within 4 min (%d were)%n",
                        warm, round, warmed.bound());
                return false;
            }
            ApiBench.Result creates = createReference(warm);
            deleteAll(REFERENCE);
            deleteAll(namespace);
            ProcessCpu used = ProcessCpu.of(cluster).since(before);
            double compilerPercent = 100 * used.compilerSeconds() / used.seconds();
            System.out.printf("warm-up round %d: %d pods scheduled, %.0f pods/s; %d created for no scheduler, %.0f/s; "
                    + "JIT compiler %.0f%% of the cluster's CPU%n", round, warm, warmed.podsPerSecond(), warm,
                    creates.perSecond(), compilerPercent);
            if (compilerPercent < SETTLED_PERCENT) {
                return true;
            }
        }
        System.out.printf("the JIT compiler had not settled after %d warm-up rounds; measuring anyway%n", WARM_UP_ROUNDS);
        return true;
    }

    private void createNamespace(String name) throws Exception {
        send(api.request("/api/v1/namespaces").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + name + "\"}}")).build(), 201);
    }

    /** The reference: creates of the same pods that no scheduler takes. */
    private ApiBench.Result createReference(int pods) throws Exception {
        int n = clients.length;
        ApiBench.Result created = ApiBench.measure(n, k -> (pods - k + n - 1) / n, TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES),
                (k, i) -> {
                    long start = System.nanoTime();
                    send(k, createPod(REFERENCE, Bindings.name(i * n + k), false));
                    return System.nanoTime() - start;
                });
        if (created.ops() != pods) {
            throw new IllegalStateException("only " + created.ops() + " of " + pods + " reference pods were created in "
                    + DEADLINE_MINUTES + " min");
        }
        return created;
    }

    /** The creates of a scheduling run and what its watch saw. */
    private record Run(ApiBench.Result creates, Bindings bindings, double seconds) {
    }

    /**
     * Creates {@code pods} pods for the default scheduler in {@code namespace} and watches them until
     * all are bound or {@code limitNanos} have passed since the first create.
     */
    private Run schedule(String namespace, int pods, long limitNanos) throws Exception {
        Bindings bindings = new Bindings(pods);
        WatchLines watch = WatchLines.open(watchClient, api, json, namespace,
                (int) TimeUnit.NANOSECONDS.toSeconds(limitNanos) + 120);
        try {
            // A pod no scheduler takes, seen on the watch, shows the watch is registered before the
            // first measured create.
            send(0, createPod(namespace, "prime", false));
            if (watch.awaitAdded("prime", System.nanoTime() + TimeUnit.SECONDS.toNanos(30)) < 0) {
                throw new IllegalStateException("the watch of " + namespace + " saw nothing within 30 s");
            }
            int n = clients.length;
            long start = System.nanoTime();
            long deadline = start + limitNanos;
            ApiBench.Result creates = ApiBench.measure(n, k -> (pods - k + n - 1) / n, limitNanos, (k, i) -> {
                int pod = i * n + k;
                long sent = System.nanoTime();
                bindings.sent(pod, sent);
                send(k, createPod(namespace, Bindings.name(pod), true));
                return System.nanoTime() - sent;
            });
            // The watch's lines were stamped as they arrived; reading them now does not move the stamps.
            while (!bindings.allBound()) {
                WatchLines.Event event = watch.next(deadline);
                if (event == null) {
                    break;
                }
                bindings.saw(event.name(), event.object().path("spec").path("nodeName").asString(""),
                        event.receivedNanos());
            }
            return new Run(creates, bindings, (System.nanoTime() - start) / 1e9);
        } finally {
            watch.cancel();
        }
    }

    private boolean report(ApiBench.Result reference, Run run) {
        Bindings b = run.bindings();
        System.out.printf("%n  %-52s %6s %9s %9s %9s %9s%n", "", "pods", "p50 ms", "p99 ms", "max ms", "pods/s");
        System.out.printf("  %-52s %6d %9.3f %9.3f %9.3f %9.0f%n", "API create, no scheduler (reference)",
                reference.ops(), reference.p(50), reference.p(99), reference.max(), reference.perSecond());
        System.out.printf("  %-52s %6d %9.3f %9.3f %9.3f %9.0f%n", "API create, scheduled pods (during the run)",
                run.creates().ops(), run.creates().p(50), run.creates().p(99), run.creates().max(),
                run.creates().perSecond());
        if (b.bound() == 0) {
            System.out.printf("%nFAILED: no pod was seen bound within %d min%n", DEADLINE_MINUTES);
            System.out.println("goal ≥ 1000 pods/s: not met");
            return false;
        }
        long[] latencies = b.sortedLatencies();
        System.out.printf("  %-52s %6d %9.3f %9.3f %9.3f %9.0f%n", "scheduled: create sent -> bound seen on the watch",
                b.bound(), PodBench.percentile(latencies, 50), PodBench.percentile(latencies, 99),
                latencies[latencies.length - 1] / 1e6, b.podsPerSecond());
        System.out.printf("%n  scheduled pods/s / API creates/s (reference) = %.3f%n",
                b.podsPerSecond() / reference.perSecond());
        boolean all = b.allBound();
        if (!all) {
            System.out.printf("FAILED: only %d of %d pods were seen bound within %d min%n", b.bound(), b.pods(),
                    DEADLINE_MINUTES);
        }
        System.out.printf("goal ≥ %.0f pods/s: %s (%.0f pods/s on a simulated cluster)%n", GOAL_PODS_PER_SECOND,
                all && b.podsPerSecond() >= GOAL_PODS_PER_SECOND ? "met" : "not met", b.podsPerSecond());
        return all;
    }

    /** Every pod bound once, where the watch saw it, and no node over its allocatable. */
    private boolean check(Bindings b) throws Exception {
        List<String> problems = new ArrayList<>(b.problems());
        JsonNode nodes = json.readTree(send(api.request("/api/v1/nodes?labelSelector=" + HollowNodes.LABEL + "%3Dtrue")
                .GET().build(), 200));
        JsonNode all = json.readTree(send(api.request("/api/v1/pods").GET().build(), 200));
        int listed = 0;
        for (JsonNode pod : all.path("items")) {
            if (!pod.path("metadata").path("namespace").asString("").equals(MEASURED)) {
                continue;
            }
            int i = Bindings.index(pod.path("metadata").path("name").asString(""));
            if (i < 0 || i >= b.pods()) {
                continue;
            }
            listed++;
            String node = pod.path("spec").path("nodeName").asString("");
            if (b.nodeOf(i) != null && !b.nodeOf(i).equals(node)) {
                problems.add(Bindings.name(i) + " was seen bound to " + b.nodeOf(i) + " but is listed on '" + node + "'");
            }
        }
        if (listed != b.pods()) {
            problems.add("the list has " + listed + " of the " + b.pods() + " pods");
        }
        problems.addAll(OverCommit.violations(nodes, all));
        if (problems.isEmpty()) {
            System.out.printf("checks: %d of %d pods bound, each once; no hollow node over its allocatable (%d nodes)%n",
                    b.bound(), b.pods(), nodes.path("items").size());
            return true;
        }
        System.out.printf("FAILED checks (%d):%n", problems.size());
        problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
        return false;
    }

    /**
     * Deletes the namespace's pods at once (grace period 0: a bound pod would wait for a kubelet, which
     * hollow nodes lack) and waits until the list is empty.
     */
    private void deleteAll(String namespace) throws Exception {
        send(api.request("/api/v1/namespaces/" + namespace + "/pods").header("Content-Type", "application/json")
                .method("DELETE", BodyPublishers.ofString("{\"gracePeriodSeconds\":0}")).build(), 200);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            byte[] list = send(api.request("/api/v1/namespaces/" + namespace + "/pods?limit=1").GET().build(), 200);
            if (json.readTree(list).path("items").isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the pods of " + namespace + " were not all gone 2 min after their deletion");
    }

    /**
     * A pod of one container requesting 100m cpu and 128Mi for the hollow nodes; {@code scheduled}
     * false names a scheduler that does not exist, so none takes it.
     */
    private HttpRequest createPod(String namespace, String name, boolean scheduled) {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":"
                + "\"bench-scheduler\"}},\"spec\":{" + (scheduled ? "" : "\"schedulerName\":\"" + NO_SCHEDULER + "\",")
                + HollowNodes.POD_PLACEMENT + ",\"containers\":[{\"name\":\"app\",\"image\":\"registry.invalid/kybern/"
                + "bench:1.0\",\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}]}}";
        return api.request("/api/v1/namespaces/" + namespace + "/pods").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(pod, StandardCharsets.UTF_8)).build();
    }

    private void send(int client, HttpRequest request) throws Exception {
        ApiConnection.send(clients[client], request, 201);
    }

    private byte[] send(HttpRequest request, int expected) throws Exception {
        return ApiConnection.send(clients[0], request, expected);
    }

    /**
     * CPU time of the cluster's JVM (and of its JIT compiler threads), of this benchmark's own process and of
     * the whole machine (busy seconds of all cores): the machine's less the two processes' is what the
     * kernel's threads and other processes used.
     */
    private record Cpu(ProcessCpu cluster, ProcessCpu bench, double machine) {
        static Cpu of(long cluster, long bench) throws java.io.IOException {
            return new Cpu(ProcessCpu.of(cluster), ProcessCpu.of(bench), ProcessCpu.machineBusySeconds());
        }

        Cpu since(Cpu earlier) {
            return new Cpu(cluster.since(earlier.cluster), bench.since(earlier.bench), machine - earlier.machine);
        }

        /** One row: per pod, the cluster (its compiler), the bench, everything else; the cores left idle. */
        void print(String phase, int pods, double seconds) {
            double rest = machine - cluster.seconds() - bench.seconds();
            double idle = Runtime.getRuntime().availableProcessors() - machine / seconds;
            System.out.printf("  %-34s %11.2f %20.2f %14.2f %10.2f %9.1f %10.2f%n", phase, cluster.seconds() * 1000 / pods,
                    cluster.compilerSeconds() * 1000 / pods, bench.seconds() * 1000 / pods, rest * 1000 / pods,
                    seconds, Math.max(0, idle));
        }
    }

    /**
     * The JFR recording the cluster's JVM runs from its start (bench/run starts Karaf with it when
     * {@code BENCH_JFR} names a file), written to that file at the end of the measured phase, whose
     * times it prints. Started only then, a recording made the JVM throw much of its compiled code
     * away (the JIT compiler worked through the whole phase, which went at a quarter of the speed).
     */
    private record Jfr(String pid, String file, Instant begin) {
        static Jfr start(Path state, String file) throws Exception {
            String pid = file.isEmpty() ? null : Files.readString(state.resolve("karaf/karaf.pid")).trim();
            return new Jfr(pid, file, Instant.now());
        }

        void stop() throws Exception {
            if (pid != null) {
                Instant end = Instant.now();
                jcmd("JFR.dump", "name=kybern-bench", "filename=" + file);
                System.out.printf("JFR recording of the Karaf JVM (pid %s) since its start: %s; the measured phase ran "
                        + "from %s to %s%n", pid, file, begin, end);
            }
        }

        private void jcmd(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of("jcmd", pid));
            line.addAll(List.of(command));
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
        }
    }
}
