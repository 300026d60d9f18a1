package org.kybern.tests.etcd;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Real etcd members (Debian's etcd-server) on free loopback ports, each with its own data
 * directory under a temporary directory; {@link #close()} kills them and removes their data,
 * and a shutdown hook does so if a test run dies first.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dir;
    private final List<Member> members = new ArrayList<>();
    private final Thread cleanupHook = new Thread(this::destroyQuietly, "etcd-cluster-cleanup");

    public record Member(String name, int clientPort, int peerPort, Process[] process) {
        public String clientUrl() {
            return "http://127.0.0.1:" + clientPort;
        }

        public boolean running() {
            return process[0] != null && process[0].isAlive();
        }
    }

    private EtcdCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code size} members and waits until each reports itself healthy. */
    public static EtcdCluster start(int size) throws Exception {
        if (!Files.isExecutable(ETCD)) {
            throw new IllegalStateException(ETCD + " is missing: install Debian's etcd-server (./kybern test does)");
        }
        EtcdCluster cluster = new EtcdCluster(Files.createTempDirectory("kybern-etcd"));
        Runtime.getRuntime().addShutdownHook(cluster.cleanupHook);
        try {
            for (int i = 0; i < size; i++) {
                cluster.members.add(new Member("m" + i, freePort(), freePort(), new Process[1]));
            }
            for (Member m : cluster.members) {
                cluster.launch(m);
            }
            for (Member m : cluster.members) {
                cluster.awaitHealthy(m, Duration.ofSeconds(60));
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Client URLs of the members, for a client's endpoint list. */
    public List<String> endpoints() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** The member that currently leads the cluster (asked through etcd's JSON gateway). */
    public Member leader() throws Exception {
        for (Member m : members) {
            if (!m.running()) {
                continue;
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(m.clientUrl() + "/v3/maintenance/status"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher self = java.util.regex.Pattern.compile("\"member_id\":\"(\\d+)\"").matcher(r.body());
            java.util.regex.Matcher leader = java.util.regex.Pattern.compile("\"leader\":\"(\\d+)\"").matcher(r.body());
            if (self.find() && leader.find() && self.group(1).equals(leader.group(1))) {
                return m;
            }
        }
        throw new IllegalStateException("no member reports itself leader");
    }

    /** Kills a member at once (SIGKILL), as a crash would. */
    public void kill(Member member) throws InterruptedException {
        Process p = member.process()[0];
        p.destroyForcibly();
        p.waitFor();
    }

    private void launch(Member m) throws IOException {
        StringJoiner initialCluster = new StringJoiner(",");
        members.forEach(o -> initialCluster.add(o.name() + "=http://127.0.0.1:" + o.peerPort()));
        Path log = dir.resolve(m.name() + ".log");
        m.process()[0] = new ProcessBuilder(ETCD.toString(),
                "--name", m.name(),
                "--data-dir", dir.resolve(m.name()).toString(),
                "--listen-client-urls", m.clientUrl(),
                "--advertise-client-urls", m.clientUrl(),
                "--listen-peer-urls", "http://127.0.0.1:" + m.peerPort(),
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + m.peerPort(),
                "--initial-cluster", initialCluster.toString(),
                "--initial-cluster-token", dir.getFileName().toString(),
                "--initial-cluster-state", "new")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitHealthy(Member m, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!m.running()) {
                throw new IllegalStateException("etcd member " + m.name() + " exited: " + tail(m));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(m.clientUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("etcd member " + m.name() + " not healthy within "
                        + timeout.toSeconds() + " s: " + tail(m));
            }
            Thread.sleep(100);
        }
    }

    private String tail(Member m) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(m.name() + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        destroyQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void destroyQuietly() {
        for (Member m : members) {
            Process p = m.process()[0];
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
