package org.kybern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The service proxy's cost: request latency and download throughput through a Service's ClusterIP
 * against the same requests straight to the one pod behind it, from the same client in the same run
 * (direct and ClusterIP alternate in rounds, so drift on the machine falls on both). Each request is
 * an HTTP/1.0 GET on a new connection, as busybox httpd serves them.
 *
 * <p>Run by {@code bench/run proxy}, once per backend: {@code ProxyBench <mode> <podIP:port>
 * <clusterIP:port> [requests] [megabytes]}; the pod serves {@code /small} (a few bytes) and
 * {@code /big} ({@code megabytes} MiB).
 */
public final class ProxyBench {

    private static final int ROUNDS = 10;
    private static final double GOAL_NFTABLES = 0.9;
    private static final double GOAL_USERSPACE = 0.5;

    private ProxyBench() {
    }

    /** Latencies (ns) of small GETs and the rate of each big download, for one target. */
    private static final class Figures {
        final List<Long> latencies = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();

        double p(double quantile) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1e6;
        }

        /** The median download's MiB/s (one slow round, a compile or a stray process, does not decide). */
        double mebibytesPerSecond() {
            List<Double> sorted = new ArrayList<>(rates);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }

        double requestsPerSecond() {
            long total = 0;
            for (long l : latencies) {
                total += l;
            }
            return latencies.size() / (total / 1e9);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        InetSocketAddress direct = address(args[1]);
        InetSocketAddress service = address(args[2]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int megabytes = args.length > 4 ? Integer.parseInt(args[4]) : 256;

        // Warm-up: both paths, the pod's httpd, the JIT here and in the userspace relay.
        for (int i = 0; i < 200; i++) {
            get(direct, "/small");
            get(service, "/small");
        }
        for (int i = 0; i < 3; i++) {
            get(direct, "/big");
            get(service, "/big");
        }
        Figures d = new Figures();
        Figures s = new Figures();
        for (int round = 0; round < ROUNDS; round++) {
            measure(direct, d, requests / ROUNDS);
            measure(service, s, requests / ROUNDS);
        }
        double goal = mode.equals("nftables") ? GOAL_NFTABLES : GOAL_USERSPACE;
        double throughputRatio = s.mebibytesPerSecond() / d.mebibytesPerSecond();
        double requestRatio = s.requestsPerSecond() / d.requestsPerSecond();
        System.out.printf("%s: %d requests and %d downloads of %d MiB per target, in %d rounds alternating;"
                + " MiB/s of the median download%n", mode, requests, ROUNDS, megabytes, ROUNDS);
        System.out.printf("  direct to the pod  : %8.1f MiB/s  %7.0f req/s  latency p50 %.3f ms p99 %.3f ms%n",
                d.mebibytesPerSecond(), d.requestsPerSecond(), d.p(0.5), d.p(0.99));
        System.out.printf("  through ClusterIP  : %8.1f MiB/s  %7.0f req/s  latency p50 %.3f ms p99 %.3f ms%n",
                s.mebibytesPerSecond(), s.requestsPerSecond(), s.p(0.5), s.p(0.99));
        System.out.printf("  ratio ClusterIP/direct: throughput %.2f x, requests/s %.2f x; added latency p50 %+.3f ms"
                + " p99 %+.3f ms (goal throughput >= %.1f x: %s)%n", throughputRatio, requestRatio,
                s.p(0.5) - d.p(0.5), s.p(0.99) - d.p(0.99), goal, throughputRatio >= goal ? "met" : "not met");
    }

    private static void measure(InetSocketAddress target, Figures figures, int requests) throws IOException {
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            get(target, "/small");
            figures.latencies.add(System.nanoTime() - start);
        }
        long start = System.nanoTime();
        long bytes = get(target, "/big");
        figures.rates.add(bytes / 1048576.0 / ((System.nanoTime() - start) / 1e9));
    }

    /** One GET on a new connection; the number of bytes received. Fails unless the answer is a 200. */
    private static long get(InetSocketAddress target, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(target, 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            int n = in.read(buffer);
            if (n < 12 || !new String(buffer, 0, 12, StandardCharsets.US_ASCII).contains(" 200")) {
                throw new IOException(path + " from " + target + ": not a 200 answer");
            }
            long total = n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
            return total;
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
