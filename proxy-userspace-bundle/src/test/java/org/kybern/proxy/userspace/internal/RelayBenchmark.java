package org.kybern.proxy.userspace.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;

/**
 * Micro-benchmark (a main class, not a unit test): throughput in MB/s and request latency through the
 * userspace relay (a ClusterIP of 10.111.x.0/24 on lo) against the same endpoint directly, on loopback.
 * Needs root. Arguments: [MB per transfer (256)] [transfers (5)] [requests (20000)] [connections (2000)]
 * [relay buffer KiB (64)] [bulk buffer KiB (1024; not larger than the relay buffer: none)].
 */
public final class RelayBenchmark {

    private static final int PORT = 8080;

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = arg(args, 0, 256);
        int transfers = arg(args, 1, 5);
        int requests = arg(args, 2, 20_000);
        int connections = arg(args, 3, 2_000);
        int bufferKiB = arg(args, 4, 64);
        int bulkBufferKiB = arg(args, 5, 1024);
        TestAddresses range = new TestAddresses();
        UserspaceBackend backend = new UserspaceBackend(new Settings("lo", "ip", 5, 30, 2, bufferKiB * 1024, bulkBufferKiB * 1024, 32));
        try (NameEndpoint endpoint = new NameEndpoint("bench", "127.0.0.2")) {
            backend.sync(new ProxyState(List.of(new ServicePort("bench", "bench", "", "TCP", range.ip(1), PORT, 0, 0,
                    List.of(endpoint.endpoint()))), List.of("127.0.0.1")));
            InetSocketAddress direct = new InetSocketAddress(endpoint.endpoint().ip(), endpoint.endpoint().port());
            InetSocketAddress relayed = new InetSocketAddress(range.ip(1), PORT);
            System.out.printf("%-34s %12s %12s%n", "", "direct", "relay");
            System.out.printf("%-34s %12.0f %12.0f%n", "throughput MB/s (" + megabytes + " MB x " + transfers + ")",
                    throughput(direct, megabytes, transfers), throughput(relayed, megabytes, transfers));
            latencies("request (" + requests + ", 1 conn)", roundTrips(direct, requests),
                    roundTrips(relayed, requests));
            latencies("connect+request (" + connections + ")", newConnections(direct, connections),
                    newConnections(relayed, connections));
        } finally {
            backend.deactivate();
            range.removeAll();
        }
    }

    private static void latencies(String what, double[] direct, double[] relayed) {
        for (int percent : new int[] {50, 99}) {
            System.out.printf("%-34s %12.1f %12.1f%n", what + " p" + percent + " us", percentile(direct, percent),
                    percentile(relayed, percent));
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** The best MB/s of {@code transfers} downloads of {@code megabytes} each (after one warm-up). */
    private static double throughput(InetSocketAddress target, int megabytes, int transfers) throws IOException {
        int bytes = megabytes * 1024 * 1024;
        byte[] buffer = new byte[256 * 1024];
        double best = 0;
        for (int i = 0; i <= transfers; i++) {
            try (Socket socket = connect(target)) {
                long start = System.nanoTime();
                socket.getOutputStream().write(("zeros " + bytes + "\n").getBytes(StandardCharsets.UTF_8));
                InputStream in = socket.getInputStream();
                long received = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received += n;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (received != bytes) {
                    throw new IOException("received " + received + " of " + bytes + " bytes from " + target);
                }
                if (i > 0) {
                    best = Math.max(best, megabytes / seconds);
                }
            }
        }
        return best;
    }

    /** Microseconds per request/answer on one open connection (after a warm-up of as many). */
    private static double[] roundTrips(InetSocketAddress target, int requests) throws IOException {
        double[] micros = new double[requests];
        try (Socket socket = connect(target)) {
            for (int i = -requests; i < requests; i++) {
                long start = System.nanoTime();
                ask(socket);
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - start) / 1e3;
                }
            }
        }
        return micros;
    }

    /** Microseconds per connect, request/answer and close (after a warm-up of as many). */
    private static double[] newConnections(InetSocketAddress target, int connections) throws IOException {
        double[] micros = new double[connections];
        for (int i = -connections; i < connections; i++) {
            long start = System.nanoTime();
            try (Socket socket = connect(target)) {
                ask(socket);
            }
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1e3;
            }
        }
        return micros;
    }

    private static void ask(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("name\n".getBytes(StandardCharsets.UTF_8));
        if (NameEndpoint.readLine(socket.getInputStream()) == null) {
            throw new IOException("no answer from " + socket.getRemoteSocketAddress());
        }
    }

    private static Socket connect(InetSocketAddress target) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(target, 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
