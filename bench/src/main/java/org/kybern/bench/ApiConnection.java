package org.kybern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the benchmark reaches a cluster's API server: the one place that knows the scheme, the
 * trusted CA and the credentials. A cluster whose state directory holds the generated CA
 * ({@code karaf/data/kybern/pki/ca.crt}) and static token file ({@code karaf/data/kybern/tokens.csv})
 * is spoken to over HTTPS (the only way the API is served) with the {@value #ADMIN_USER} token.
 */
final class ApiConnection {

    static final String ADMIN_USER = "kybern-admin";

    private final URI base;
    private final SSLContext tls;
    private final String token;

    private ApiConnection(URI base, SSLContext tls, String token) {
        this.base = base;
        this.tls = tls;
        this.token = token;
    }

    /**
     * The connection to the cluster started from {@code stateDir} (the {@code kybern} script's
     * {@code KYBERN_STATE_DIR}; it unpacks Karaf into {@code <stateDir>/karaf}) on {@code port}.
     */
    static ApiConnection forCluster(Path stateDir, int port) throws IOException, GeneralSecurityException {
        Path data = stateDir.resolve("karaf/data/kybern");
        Path ca = data.resolve("pki/ca.crt");
        Path tokens = data.resolve("tokens.csv");
        if (!Files.isRegularFile(ca) || !Files.isRegularFile(tokens)) {
            throw new IOException("no " + ca + " or " + tokens + ": the API server writes them at its first start");
        }
        return new ApiConnection(URI.create("https://127.0.0.1:" + port), trusting(ca), adminToken(tokens));
    }

    /** The cluster's state directory as {@code bench/run} names it to a benchmark ({@code -Dkybern.bench.state}). */
    static Path stateDir(String benchmark) {
        String state = System.getProperty("kybern.bench.state");
        if (state == null || Integer.getInteger("kybern.bench.port") == null) {
            throw new IllegalArgumentException("set -Dkybern.bench.state=<KYBERN_STATE_DIR> and -Dkybern.bench.port=<API port> "
                    + "(bench/run " + benchmark + " starts a cluster and sets both)");
        }
        return Path.of(state);
    }

    /** The connection to the cluster {@code bench/run} started for {@code benchmark} (see {@link #stateDir}). */
    static ApiConnection forBenchmark(String benchmark) throws IOException, GeneralSecurityException {
        return forCluster(stateDir(benchmark), Integer.getInteger("kybern.bench.port"));
    }

    /** An HTTP/1.1 client for this server; {@code executor} may be {@code null} for the JDK's default. */
    HttpClient newClient(Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(tls);
        if (executor != null) {
            builder.executor(executor);
        }
        return builder.build();
    }

    /** A request to {@code pathAndQuery} (starting with {@code /}), with the credentials. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Authorization", "Bearer " + token);
    }

    /** Sends {@code request} on {@code client} and returns the response body, after checking the status code. */
    static byte[] send(HttpClient client, HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ", not " + expected + ": " + body.substring(0, Math.min(400, body.length())));
        }
        return response.body();
    }

    /** For the report: where, and how authenticated. */
    String describe() {
        return base + " (TLS with the cluster's CA, bearer token of " + ADMIN_USER + ")";
    }

    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("kybern-ca-" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * The admin's token from a Kubernetes static token file ({@code token,user,uid,"groups"} per
     * line); only the first two fields are read, and neither may contain a comma.
     */
    private static String adminToken(Path tokens) throws IOException {
        List<String> lines = Files.readAllLines(tokens, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] fields = line.split(",", 3);
            if (fields.length >= 2 && unquote(fields[1]).equals(ADMIN_USER)) {
                return unquote(fields[0]);
            }
        }
        throw new IOException(tokens + " has no token of user " + ADMIN_USER);
    }

    private static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }
}
