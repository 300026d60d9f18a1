package org.kybern.tests.etcd;

import java.io.IOException;
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
    private Tls tls;
    private final Thread cleanupHook = new Thread(this::destroyQuietly, "etcd-cluster-cleanup");

    /** Files for mutual TLS: the CA that signed the members' and the client's certificates. */
    public record Tls(Path caCert, Path clientCert, Path clientKey, Path serverCert, Path serverKey) {
    }

    public record Member(String name, int clientPort, int peerPort, int metricsPort, boolean tls, Process[] process) {
        public String clientUrl() {
            return (tls ? "https" : "http") + "://127.0.0.1:" + clientPort;
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
        return start(size, false);
    }

    /**
     * Starts {@code size} members that serve clients only over mutual TLS (certificates made
     * with openssl for this cluster), and waits until each reports itself healthy.
     */
    public static EtcdCluster startWithTls(int size) throws Exception {
        return start(size, true);
    }

    private static EtcdCluster start(int size, boolean withTls) throws Exception {
        if (!Files.isExecutable(ETCD)) {
            throw new IllegalStateException(ETCD + " is missing: install Debian's etcd-server (./kybern test does)");
        }
        EtcdCluster cluster = new EtcdCluster(Files.createTempDirectory("kybern-etcd"));
        Runtime.getRuntime().addShutdownHook(cluster.cleanupHook);
        try {
            if (withTls) {
                cluster.tls = cluster.makeCertificates();
            }
            for (int i = 0; i < size; i++) {
                cluster.members.add(new Member("m" + i, freePort(), freePort(), freePort(), withTls, new Process[1]));
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

    /** The TLS files, when the cluster was started with TLS. */
    public Tls tls() {
        return tls;
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
            if (m.tls()) {
                throw new UnsupportedOperationException("leader() asks the plain-HTTP gateway; not with TLS");
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
        List<String> command = new ArrayList<>(List.of(ETCD.toString(),
                "--name", m.name(),
                "--data-dir", dir.resolve(m.name()).toString(),
                "--listen-client-urls", m.clientUrl(),
                "--advertise-client-urls", m.clientUrl(),
                "--listen-peer-urls", "http://127.0.0.1:" + m.peerPort(),
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + m.peerPort(),
                "--listen-metrics-urls", "http://127.0.0.1:" + m.metricsPort(),
                "--initial-cluster", initialCluster.toString(),
                "--initial-cluster-token", dir.getFileName().toString(),
                "--initial-cluster-state", "new"));
        if (m.tls()) {
            command.addAll(List.of("--cert-file", tls.serverCert().toString(), "--key-file", tls.serverKey().toString(),
                    "--trusted-ca-file", tls.caCert().toString(), "--client-cert-auth"));
        }
        m.process()[0] = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitHealthy(Member m, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!m.running()) {
                throw new IllegalStateException("etcd member " + m.name() + " exited: " + tail(m));
            }
            try {
                // The metrics listener is plain HTTP even when clients must use TLS.
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.metricsPort() + "/health"))
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

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
    private Tls makeCertificates() throws Exception {
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/CN=kybern-test-etcd-ca");
        Path server = sign("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth", ca, caKey);
        Path client = sign("client", "extendedKeyUsage=clientAuth", ca, caKey);
        return new Tls(ca, client, dir.resolve("client.key"), server, dir.resolve("server.key"));
    }

    private Path sign(String name, String extensions, Path ca, Path caKey) throws Exception {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions + "\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        return cert;
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("/usr/bin/openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
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

    private static int freePort() {
        return org.kybern.tests.FreePorts.next();
    }
}
