package org.kybern.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API server over real HTTP, each figure beside the same client's round trip to
 * {@code GET /healthz} at the same concurrency (Jetty and a servlet, no store) measured in the
 * same run:
 * <ul>
 *   <li>create, get and list of pods, and watch-event latency (create sent → ADDED received on the
 *       client's own watch), at 1, 16 and 64 concurrent clients;</li>
 *   <li>a list of 10 000 pods, whole and in {@code limit=500} pages;</li>
 *   <li>one event fanned out to 1 000 watchers of one namespace.</li>
 * </ul>
 * Each simulated client has its own {@link HttpClient} (HTTP/1.1): its own connections and its
 * own selector thread, as separate kubectl processes or controllers would; one shared client would
 * funnel every response through one selector thread and measure that thread. The 1 000 watchers
 * share one client instead: a thousand clients would be a thousand selector threads on two cores.
 * Usage: {@code bench/run api [pods=10000] [watchers=1000] [ops=3200] [capSeconds=10]};
 * {@code bench/run} starts and stops the cluster.
 */
public final class ApiBench {

    private static final int[] CONCURRENCY = {1, 16, 64};
    /** A single client does at most this many operations per figure. */
    private static final int MAX_OPS_PER_CLIENT = 1000;
    private static final int LIST_SIZE = 100;
    private static final int PAGE = 500;
    private static final int LIST_REPEATS = 5;
    private static final double GOAL_CREATE_P99_MS = 50;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ApiConnection api;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient[] clients;
    private final long capNanos;

    /** One operation of client {@code client}, its {@code i}-th; returns the latency it measured, in ns. */
    interface Op {
        long run(int client, int i) throws Exception;
    }

    /** Latencies (ns) of one figure, and how long the whole took. */
    record Result(long[] sorted, double seconds, boolean capped) {
        static Result of(long[] latencies, double seconds, boolean capped) {
            long[] s = latencies.clone();
            Arrays.sort(s);
            return new Result(s, seconds, capped);
        }

        int ops() {
            return sorted.length;
        }

        /** Nearest-rank percentile, in ms. */
        double p(double percent) {
            return PodBench.percentile(sorted, percent);
        }

        double max() {
            return sorted[sorted.length - 1] / 1e6;
        }

        double perSecond() {
            return sorted.length / seconds;
        }
    }

    private ApiBench(ApiConnection api, long capNanos) {
        this.api = api;
        this.capNanos = capNanos;
        this.clients = new HttpClient[CONCURRENCY[CONCURRENCY.length - 1]];
        for (int k = 0; k < clients.length; k++) {
            clients[k] = api.newClient(null);
        }
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int watchers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int opsPerLevel = args.length > 2 ? Integer.parseInt(args[2]) : 3_200;
        int capSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        ApiConnection api = ApiConnection.forBenchmark("api");
        ApiBench bench = new ApiBench(api, TimeUnit.SECONDS.toNanos(capSeconds));
        try {
            boolean ok = bench.run(pods, watchers, opsPerLevel, capSeconds);
            System.exit(ok ? 0 : 1);
        } catch (ExecutionException e) {
            System.err.println("ApiBench failed: " + e.getCause());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("ApiBench failed: " + e);
            System.exit(1);
        }
    }

    private boolean run(int pods, int watchers, int opsPerLevel, int capSeconds) throws Exception {
        System.out.printf("Kybern API server benchmark: %s%n", api.describe());
        System.out.printf("java.net.http.HttpClient, HTTP/1.1, one client per simulated client; per figure at most %d "
                + "operations in all (%d per client at most) and %d s;%n", opsPerLevel, MAX_OPS_PER_CLIENT, capSeconds);
        System.out.printf("pods of one container (%d bytes as sent), the server fills in Kubernetes' defaults.%n",
                pod("bench-0-0-0", 0).length);
        System.out.printf("%s at the start (the client runs on the same machine as the server).%n%n", machine());

        setUp();
        warmUp();
        boolean ok = true;
        Map<Integer, Result> healthz = new LinkedHashMap<>();
        Result create64 = null;
        System.out.println("Latency and throughput; ratio = the figure / the same figure of GET /healthz at the same concurrency");
        System.out.printf("  %-40s %6s %9s %9s %9s %9s   %7s %7s %7s %7s%n", "", "ops", "p50 ms", "p99 ms", "max ms",
                "ops/s", "p50 x", "p99 x", "max x", "ops/s x");
        for (int c : CONCURRENCY) {
            int perClient = Math.max(1, Math.min(MAX_OPS_PER_CLIENT, opsPerLevel / c));
            int level = c;
            System.out.printf(" %d client%s%n", c, c == 1 ? "" : "s");
            Result ref = measure(c, k -> perClient, capNanos, (k, i) -> timed(() -> send(k, get("/healthz"), 200)));
            healthz.put(c, ref);
            row("GET /healthz (reference)", ref, null);
            int[] created = new int[c];
            Result create = measure(c, k -> perClient, capNanos, (k, i) -> {
                long t = timed(() -> send(k, createPod("bench", podName(level, k, i), k), 201));
                created[k] = i + 1;
                return t;
            });
            row("create pod (POST)", create, ref);
            Result get = measure(c, k -> perClient, capNanos,
                    (k, i) -> timed(() -> send(k, get("/api/v1/namespaces/bench/pods/" + podName(level, k, i % created[k])), 200)));
            row("get pod", get, ref);
            Result list = measure(c, k -> perClient, capNanos,
                    (k, i) -> timed(() -> send(k, get("/api/v1/namespaces/bench-list/pods"), 200)));
            row("list " + LIST_SIZE + " pods", list, ref);
            row("watch event (create sent -> ADDED recv)", watchLatency(c, perClient), ref);
            if (c == CONCURRENCY[CONCURRENCY.length - 1]) {
                create64 = create;
            }
        }
        if (create64 != null) {
            boolean met = create64.p(99) <= GOAL_CREATE_P99_MS;
            System.out.printf("%nGoal (issue 5): create p99 <= %.0f ms at %d clients: %s (p99 %.3f ms)%n", GOAL_CREATE_P99_MS,
                    CONCURRENCY[CONCURRENCY.length - 1], met ? "MET" : "NOT MET", create64.p(99));
        }

        if (pods > 0) {
            bigList(pods, healthz.get(1), healthz.get(CONCURRENCY[CONCURRENCY.length - 1]));
        }
        if (watchers > 0) {
            ok &= fanOut(watchers);
        }
        System.out.printf("%n%s at the end.%n", machine());
        return ok;
    }

    // --- set-up -----------------------------------------------------------------------------------

    private void setUp() throws Exception {
        List<String> namespaces = new ArrayList<>(List.of("bench", "bench-list", "x", "bench-fanout"));
        for (int c : CONCURRENCY) {
            for (int k = 0; k < c; k++) {
                namespaces.add(watchNamespace(c, k));
            }
        }
        for (String ns : namespaces) {
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}";
            send(0, api.request("/api/v1/namespaces").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(body)).build(), 201);
        }
        for (int i = 0; i < LIST_SIZE; i++) {
            send(0, createPod("bench-list", "listed-" + i, 0), 201);
        }
    }

    /** Warm-up requests per client: 25 left the create path still compiling in the 64-client figure. */
    private static final int WARM_UP_OPS = 100;

    /**
     * Every client's connections opened and the server's and this JVM's code compiled before
     * anything is measured.
     */
    private void warmUp() throws Exception {
        int n = clients.length;
        long cap = 30 * SECOND;
        measure(n, k -> WARM_UP_OPS, cap, (k, i) -> timed(() -> send(k, get("/healthz"), 200)));
        measure(n, k -> WARM_UP_OPS, cap, (k, i) -> timed(() -> send(k, createPod("bench", "warm-" + k + "-" + i, k), 201)));
        measure(n, k -> WARM_UP_OPS, cap, (k, i) -> timed(() -> send(k, get("/api/v1/namespaces/bench/pods/warm-" + k + "-" + i), 200)));
        measure(n, k -> WARM_UP_OPS / 4, cap, (k, i) -> timed(() -> send(k, get("/api/v1/namespaces/bench-list/pods"), 200)));
    }

    // --- the figures ------------------------------------------------------------------------------

    /** Each of {@code c} clients watches a namespace of its own and times its creates there until the ADDED event. */
    private Result watchLatency(int c, int perClient) throws Exception {
        WatchLines[] watches = new WatchLines[c];
        try {
            for (int k = 0; k < c; k++) {
                watches[k] = WatchLines.open(clients[k], api, json, watchNamespace(c, k));
            }
            for (int k = 0; k < c; k++) {
                send(k, createPod(watchNamespace(c, k), "prime", k), 201);
            }
            long deadline = System.nanoTime() + 30 * SECOND;
            for (int k = 0; k < c; k++) {
                if (watches[k].awaitAdded("prime", deadline) < 0) {
                    throw new IllegalStateException("watch " + k + " of " + c + " did not see its first pod within 30 s");
                }
            }
            return measure(c, k -> perClient, capNanos, (k, i) -> {
                String name = "w-" + i;
                long start = System.nanoTime();
                send(k, createPod(watchNamespace(c, k), name, k), 201);
                long at = watches[k].awaitAdded(name, System.nanoTime() + 10 * SECOND);
                if (at < 0) {
                    throw new IllegalStateException("no ADDED event for " + name + " within 10 s");
                }
                return at - start;
            });
        } finally {
            for (WatchLines w : watches) {
                if (w != null) {
                    w.cancel();
                }
            }
        }
    }

    /** {@code pods} pods in namespace x, then lists of all of them: whole, and in pages. */
    private void bigList(int pods, Result healthz1, Result healthz64) throws Exception {
        int n = clients.length;
        Result create = measure(n, k -> (pods - k + n - 1) / n, 300 * SECOND,
                (k, i) -> timed(() -> send(k, createPod("x", "pod-" + (i * n + k), k), 201)));
        if (create.ops() != pods) {
            throw new IllegalStateException("only " + create.ops() + " of " + pods + " pods were created within 300 s");
        }
        System.out.printf("%nA list of %d pods in namespace x: 1 client, %d times each; ratio = the figure / GET /healthz "
                + "at the same concurrency%n", pods, LIST_REPEATS);
        System.out.printf("  %-40s %6s %9s %9s %9s %9s   %7s %7s %7s %7s%n", "", "ops", "p50 ms", "p99 ms", "max ms",
                "ops/s", "p50 x", "p99 x", "max x", "ops/s x");
        row("create them, " + n + " clients", create, healthz64);

        long[] whole = new long[LIST_REPEATS];
        long bytes = 0;
        for (int r = 0; r < LIST_REPEATS; r++) {
            long start = System.nanoTime();
            byte[] body = send(0, get("/api/v1/namespaces/x/pods"), 200);
            whole[r] = System.nanoTime() - start;
            bytes = body.length;
            if (r == 0) {
                int items = json.readTree(body).path("items").size();
                if (items != pods) {
                    throw new IllegalStateException("the list has " + items + " pods, not " + pods);
                }
            }
        }
        row(String.format("whole list (%.1f MB)", bytes / 1e6), Result.of(whole, sum(whole) / 1e9, false), healthz1);

        List<Long> pages = new ArrayList<>();
        long[] paged = new long[LIST_REPEATS];
        for (int r = 0; r < LIST_REPEATS; r++) {
            String continueToken = "";
            int items = 0;
            do {
                String query = "?limit=" + PAGE + (continueToken.isEmpty() ? "" : "&continue=" + continueToken);
                long start = System.nanoTime();
                byte[] body = send(0, get("/api/v1/namespaces/x/pods" + query), 200);
                long took = System.nanoTime() - start;
                pages.add(took);
                paged[r] += took;
                JsonNode page = json.readTree(body);
                items += page.path("items").size();
                continueToken = page.path("metadata").path("continue").asString("");
            } while (!continueToken.isEmpty());
            if (items != pods) {
                throw new IllegalStateException("the paged list has " + items + " pods, not " + pods);
            }
        }
        long[] pageNanos = pages.stream().mapToLong(Long::longValue).toArray();
        row("limit=" + PAGE + ": one page", Result.of(pageNanos, sum(pageNanos) / 1e9, false), healthz1);
        row("limit=" + PAGE + ": all " + (pods + PAGE - 1) / PAGE + " pages (sum)",
                Result.of(paged, sum(paged) / 1e9, false), healthz1);
    }

    /**
     * {@code watchers} watches of one namespace sharing one client; one pod created; the time from
     * the create's response to each watcher's receipt of it. The reference is as many concurrent
     * {@code GET /healthz} on the same shared client.
     */
    private boolean fanOut(int watchers) throws Exception {
        HttpClient shared = api.newClient(null);
        WatchLines[] watches = new WatchLines[watchers];
        try {
            long opened = System.nanoTime();
            for (int w = 0; w < watchers; w++) {
                watches[w] = WatchLines.open(shared, api, json, "bench-fanout");
            }
            // Kybern answers a watch with its first event: a first pod shows every watch is registered.
            send(0, createPod("bench-fanout", "prime", 0), 201);
            int primed = received(watches, "prime", System.nanoTime() + 60 * SECOND, 0).length;
            double openSeconds = (System.nanoTime() - opened) / 1e9;
            if (primed != watchers) {
                System.out.printf("%nFan-out: only %d of %d watches were established within 60 s%n", primed, watchers);
                return false;
            }

            concurrentHealthz(shared, watchers); // opens the connections the measured round reuses
            Result ref = concurrentHealthz(shared, watchers);

            long start = System.nanoTime();
            send(0, createPod("bench-fanout", "fanned-out", 0), 201);
            long responded = System.nanoTime();
            long[] latencies = received(watches, "fanned-out", System.nanoTime() + 60 * SECOND, responded);
            Result fan = Result.of(latencies, 0, false);
            System.out.printf("%nFan-out: %d watchers of namespace bench-fanout on one shared client (all open and "
                    + "registered in %.1f s), one pod created (%.3f ms round trip)%n", watchers, openSeconds,
                    (responded - start) / 1e6);
            System.out.printf("  %-40s %6s %9s %9s %9s %9s   %7s %7s %7s%n", "", "n", "p50 ms", "p99 ms", "max ms", "",
                    "p50 x", "p99 x", "max x");
            System.out.printf("  %-40s %6d %9.3f %9.3f %9.3f%n", "GET /healthz x " + watchers + " at once (reference)",
                    ref.ops(), ref.p(50), ref.p(99), ref.max());
            System.out.printf("  %-40s %6d %9.3f %9.3f %9.3f %9s   %7s %7s %7s%n", "create response -> event received",
                    fan.ops(), fan.p(50), fan.p(99), fan.max(), "", ratio(fan.p(50), ref.p(50)), ratio(fan.p(99), ref.p(99)),
                    ratio(fan.max(), ref.max()));
            boolean all = fan.ops() == watchers;
            System.out.printf("  %d of %d watchers received the event%s%n", fan.ops(), watchers,
                    all ? "" : " within 60 s: NOT ALL");
            return all;
        } finally {
            for (WatchLines w : watches) {
                if (w != null) {
                    w.cancel();
                }
            }
        }
    }

    /** When each watch received pod {@code name}, minus {@code since}; watches that did not by the deadline are left out. */
    private static long[] received(WatchLines[] watches, String name, long deadline, long since) throws InterruptedException {
        long[] at = new long[watches.length];
        int n = 0;
        for (WatchLines w : watches) {
            long t = w.awaitAdded(name, deadline);
            if (t >= 0) {
                at[n++] = t - since;
            }
        }
        return Arrays.copyOf(at, n);
    }

    /** {@code n} requests of {@code GET /healthz} sent at once on one client, each timed to its response. */
    private Result concurrentHealthz(HttpClient client, int n) throws Exception {
        long[] latencies = new long[n];
        List<CompletableFuture<?>> all = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int index = i;
            long start = System.nanoTime();
            all.add(client.sendAsync(get("/healthz"), BodyHandlers.ofByteArray()).thenAccept(r -> {
                latencies[index] = System.nanoTime() - start;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /healthz answered " + r.statusCode());
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return Result.of(latencies, (System.nanoTime() - begin) / 1e9, false);
    }

    /**
     * Runs {@code clients} clients at once, client {@code k} doing {@code opsFor(k)} operations or
     * fewer when {@code cap} ns have passed; throughput is over the whole run.
     */
    static Result measure(int clients, IntUnaryOperator opsFor, long cap, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long[][] latencies = new long[clients][];
            long[] window = new long[2];
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int client = k;
                running.add(pool.submit(() -> {
                    long[] mine = new long[opsFor.applyAsInt(client)];
                    go.await();
                    int i = 0;
                    for (; i < mine.length && System.nanoTime() < window[1]; i++) {
                        mine[i] = op.run(client, i);
                    }
                    latencies[client] = Arrays.copyOf(mine, i);
                    return null;
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + cap;
            go.countDown();
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - window[0]) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
            long planned = 0;
            for (int k = 0; k < clients; k++) {
                planned += opsFor.applyAsInt(k);
            }
            return Result.of(all, seconds, all.length < planned);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- HTTP -------------------------------------------------------------------------------------

    private interface Call {
        void run() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private HttpRequest get(String path) {
        return api.request(path).GET().build();
    }

    private HttpRequest createPod(String namespace, String name, int client) {
        return api.request("/api/v1/namespaces/" + namespace + "/pods").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(pod(name, client))).build();
    }

    /**
     * A pod the API's validation accepts: one named container with an image and a port. It names a scheduler
     * that does not exist, so no scheduler places it and no kubelet tries to run it: this measures the API.
     */
    private static byte[] pod(String name, int client) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"bench\","
                + "\"bench-client\":\"" + client + "\"}},\"spec\":{\"schedulerName\":\"kybern-bench-none\",\"containers\":[{\"name\":\"app\",\"image\":"
                + "\"registry.invalid/kybern/bench:1.0\",\"ports\":[{\"containerPort\":8080}],\"resources\":{\"requests\":"
                + "{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}]}}").getBytes(StandardCharsets.UTF_8);
    }

    /** The response body, after checking the status code. */
    private byte[] send(int client, HttpRequest request, int expected) throws Exception {
        return ApiConnection.send(clients[client], request, expected);
    }

    // --- output -----------------------------------------------------------------------------------

    private static void row(String what, Result r, Result reference) {
        String note = r.capped() ? "  (time cap reached)" : "";
        if (reference == null) {
            System.out.printf("  %-40s %6d %9.3f %9.3f %9.3f %9.0f%s%n", what, r.ops(), r.p(50), r.p(99), r.max(),
                    r.perSecond(), note);
        } else {
            System.out.printf("  %-40s %6d %9.3f %9.3f %9.3f %9.0f   %7s %7s %7s %7s%s%n", what, r.ops(), r.p(50),
                    r.p(99), r.max(), r.perSecond(), ratio(r.p(50), reference.p(50)), ratio(r.p(99), reference.p(99)),
                    ratio(r.max(), reference.max()), ratio(r.perSecond(), reference.perSecond()), note);
        }
    }

    /** Three significant digits or so, within the column. */
    private static String ratio(double value, double reference) {
        double r = value / reference;
        return String.format(r >= 100 ? "%.0f" : r >= 10 ? "%.1f" : r >= 0.1 ? "%.2f" : "%.3f", r);
    }

    /** The cores and the load: other work on the machine moves every figure. */
    static String machine() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return String.format("machine: %d cores, load average %.2f (1 min)", os.getAvailableProcessors(),
                os.getSystemLoadAverage());
    }

    private static String podName(int level, int client, int i) {
        return "c" + level + "-" + client + "-" + i;
    }

    private static String watchNamespace(int level, int client) {
        return "bench-watch-c" + level + "-" + client;
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }
}
