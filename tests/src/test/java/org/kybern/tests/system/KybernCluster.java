package org.kybern.tests.system;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A cluster started the way a user starts one, {@code ./kybern up}, from a state directory of
 * its own on free loopback ports and with a kubeconfig of its own ({@code KUBECONFIG} in the state
 * directory), so a developer's cluster and kubeconfig are untouched. Commands run with the
 * cluster's environment. The one place tests get what a client needs: the HTTPS address, the CA,
 * the administrator's token, the kubeconfig.
 */
final class KybernCluster {

    static final Path ROOT = Path.of(System.getProperty("kybern.root", "..")).toAbsolutePath().normalize();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Map<String, String> env = new HashMap<>();
    private final int apiPort;
    private final Path stateDir;

    /** The output and exit code of a command. */
    record Result(int exitCode, String output) {
    }

    private KybernCluster(Path stateDir, boolean services) throws IOException {
        this.stateDir = stateDir;
        this.apiPort = freePort();
        env.put("KYBERN_STATE_DIR", stateDir.toString());
        env.put("KYBERN_API_PORT", Integer.toString(apiPort));
        env.put("KYBERN_SSH_PORT", Integer.toString(freePort()));
        env.put("KYBERN_RMI_PORT", Integer.toString(freePort()));
        env.put("KYBERN_KUBELET_PORT", Integer.toString(freePort()));
        env.put("KYBERN_NO_BUILD", "1");
        env.put("KUBECONFIG", kubeconfig().toString());
        env.put("KYBERN_SERVICES", services ? "on" : "off");
    }

    /**
     * Runs {@code ./kybern up} for a state directory under {@code target/} and checks it says ready.
     * Only one cluster on the machine may run the service proxy and the cluster DNS ({@code services}):
     * they own the kernel's {@code kybern} nftables table, ClusterIPs on lo and 169.254.20.10:53.
     */
    static KybernCluster up(String name, boolean services) throws Exception {
        Path stateDir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(stateDir)) {
            // A previous run's cluster and data: stop it if it still runs, then start clean.
            new KybernCluster(stateDir, services).kybern("down");
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        KybernCluster cluster = new KybernCluster(Files.createDirectories(stateDir), services);
        Result up = cluster.kybern("up");
        if (up.exitCode() != 0 || !up.output().contains("ready")) {
            cluster.kybern("down");
            throw new AssertionError("./kybern up failed:\n" + up.output());
        }
        return cluster;
    }

    /** The name of the node whose kubelet {@code ./kybern up} started: this host's name, in lower case. */
    String nodeName() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Adds a line for {@code user} in group {@code group} to the token file (the API server reads it again). */
    void addToken(String user, String group) throws IOException {
        String token = java.util.UUID.randomUUID().toString().replace("-", "")
                + java.util.UUID.randomUUID().toString().replace("-", "");
        Files.writeString(tokenFile(), token + "," + user + "," + java.util.UUID.randomUUID() + ",\"" + group + "\"\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A fabric8 client of the API as the administrator, trusting the cluster CA only. */
    KubernetesClient client() throws IOException {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server())
                .withCaCertFile(caCertificate().toString()).withOauthToken(adminToken()).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    int apiPort() {
        return apiPort;
    }

    String server() {
        return "https://127.0.0.1:" + apiPort;
    }

    /** The kubeconfig {@code ./kybern up} merged the {@code kybern} context into. */
    Path kubeconfig() {
        return stateDir.resolve("kubeconfig");
    }

    /** The cluster CA the API server made at first start. */
    Path caCertificate() {
        return stateDir.resolve("karaf/data/kybern/pki/ca.crt");
    }

    Path tokenFile() {
        return stateDir.resolve("karaf/data/kybern/tokens.csv");
    }

    /** The token of {@code user} in the token file ({@code token,user,uid,"groups"} lines). */
    String token(String user) throws IOException {
        return Files.readAllLines(tokenFile()).stream().map(l -> l.split(",", 3))
                .filter(f -> f.length == 3 && f[1].equals(user)).map(f -> f[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no token for " + user + " in " + tokenFile()));
    }

    String adminToken() throws IOException {
        return token("kybern-admin");
    }

    /** TLS that trusts the cluster CA only (and checks the host name, as HttpClient always does). */
    SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate())) {
            trust.setCertificateEntry("kybern-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** An HTTP client for the API: trusts the cluster CA; requests still need their token. */
    HttpClient httpClient() throws Exception {
        return HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A request to {@code path} carrying the administrator's token. */
    HttpRequest.Builder adminRequest(String path) throws IOException {
        return HttpRequest.newBuilder(URI.create(server() + path)).header("Authorization", "Bearer " + adminToken())
                .timeout(Duration.ofSeconds(30));
    }

    /** The real kubectl through the {@code kybern} context {@code ./kybern up} merged: HTTPS, the CA, the admin token. */
    Result kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    Path stateDir() {
        return stateDir;
    }

    Result kybern(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("kybern").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** Starts a command that runs on (a watch); the caller reads its output and stops it. */
    Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static int freePort() {
        return org.kybern.tests.FreePorts.next();
    }
}
