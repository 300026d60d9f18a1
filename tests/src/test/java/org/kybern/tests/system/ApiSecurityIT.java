package org.kybern.tests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API as Kubernetes secures it: HTTPS only, with a certificate from the cluster CA for the
 * addresses clients use, and bearer tokens from the token file; only the public health and version
 * endpoints answer without one. {@code ./kybern up} gives kubectl a {@code kybern} context.
 */
@ExtendWith(SharedCluster.class)
class ApiSecurityIT {

    private static final String UNAUTHORIZED = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"code\":401,"
            + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"status\":\"Failure\"}";
    private static KybernCluster cluster;
    private static HttpClient http;

    @BeforeAll
    static void up() throws Exception {
        cluster = SharedCluster.get();
        http = cluster.httpClient();
    }

    @Test
    void withoutAKnownTokenTheApiAnswers401WithKubernetesStatus() throws Exception {
        for (String authorization : new String[] {null, "Bearer not-a-token", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + cluster.adminToken().substring(1)}) {
            for (String path : List.of("/api", "/api/v1/namespaces", "/apis", "/apis/apps/v1/deployments",
                    "/api/v1/namespaces/default/configmaps/none")) {
                HttpResponse<String> r = get(path, authorization);
                assertEquals(401, r.statusCode(), path + " with " + authorization + ": " + r.body());
                assertEquals(UNAUTHORIZED, r.body(), path);
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            }
        }
    }

    @Test
    void theTokensOfTheTokenFileAreAccepted() throws Exception {
        for (String user : List.of("kybern-admin", "system:kube-scheduler", "system:kube-controller-manager",
                "system:kube-proxy")) {
            HttpResponse<String> r = get("/api/v1/namespaces", "Bearer " + cluster.token(user));
            assertEquals(200, r.statusCode(), user + ": " + r.body());
            assertTrue(r.body().contains("\"kind\":\"NamespaceList\""), r.body());
        }
        assertTrue(Files.readString(cluster.tokenFile()).lines().anyMatch(l -> l.matches(
                "[A-Za-z0-9_-]{43},system:node:[^,]+,[0-9a-f-]{36},\"system:nodes\"")), "a node token");
    }

    @Test
    void theServiceProxysUserListsWhatItWatches() throws Exception {
        // The proxy core's informers: Services and EndpointSlices in every namespace, and its own Node.
        String proxy = "Bearer " + cluster.token("system:kube-proxy");
        for (String[] pathAndKind : new String[][] {{"/api/v1/services", "ServiceList"},
                {"/apis/discovery.k8s.io/v1/endpointslices", "EndpointSliceList"},
                {"/api/v1/nodes?fieldSelector=metadata.name%3Dno-such-node", "NodeList"}}) {
            HttpResponse<String> r = get(pathAndKind[0], proxy);
            assertEquals(200, r.statusCode(), pathAndKind[0] + ": " + r.body());
            assertTrue(r.body().contains("\"kind\":\"" + pathAndKind[1] + "\""), r.body());
        }
    }

    @Test
    void healthAndVersionAreOpenToEveryone() throws Exception {
        for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
            HttpResponse<String> r = get(path, null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
        }
    }

    @Test
    void theCertificateVerifiesAgainstTheClusterCaForLoopbackNames() throws Exception {
        // HttpClient checks the host name (here the IP address SAN) against the certificate.
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("https://" + host + ":" + cluster.apiPort() + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), host);
        }
        KybernCluster.Result curl = cluster.run(List.of("curl", "-sS", "--cacert", cluster.caCertificate().toString(),
                cluster.server() + "/readyz"));
        assertEquals(0, curl.exitCode(), curl.output());
        assertEquals("ok", curl.output());
        // Not trusted without the cluster CA: the check above is a real one.
        KybernCluster.Result untrusted = cluster.run(List.of("curl", "-sS", cluster.server() + "/readyz"));
        assertEquals(60, untrusted.exitCode(), "curl: peer certificate cannot be authenticated: " + untrusted.output());
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> defaultTrust.send(HttpRequest.newBuilder(
                URI.create(cluster.server() + "/version")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void plainHttpIsNotServedOnTheApiPort() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", cluster.apiPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(readUpTo(socket.getInputStream(), 64), StandardCharsets.ISO_8859_1);
            assertFalse(answer.startsWith("HTTP/"), "no HTTP answer on the HTTPS port: " + answer);
        }
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cluster.apiPort() + "/version")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void secretsAreReadableByTheirOwnerOnly() throws Exception {
        Path pki = cluster.caCertificate().getParent();
        for (Path secret : List.of(pki.resolve("ca.key"), pki.resolve("apiserver.key"), cluster.tokenFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        for (Path file : List.of(pki.resolve("ca.crt"), pki.resolve("apiserver.crt"))) {
            assertTrue(Files.readString(file).startsWith("-----BEGIN CERTIFICATE-----"), file.toString());
        }
    }

    @Test
    void kubectlWorksThroughTheMergedKybernContext() throws Exception {
        KybernCluster.Result context = kubectl("config", "current-context");
        assertEquals("kybern", context.output().trim(), context.output());
        KybernCluster.Result server = kubectl("config", "view", "--minify", "-o",
                "jsonpath={.clusters[0].cluster.server} {.users[0].name}");
        assertEquals(cluster.server() + " kybern-admin", server.output().trim());
        String kubeconfig = Files.readString(cluster.kubeconfig());
        assertTrue(kubeconfig.contains("certificate-authority-data:"), "the CA is embedded: " + kubeconfig);
        KybernCluster.Result namespaces = kubectl("get", "namespaces");
        assertEquals(0, namespaces.exitCode(), namespaces.output());
        assertTrue(namespaces.output().lines().anyMatch(l -> l.matches("kube-system\\s+Active\\s+.*")), namespaces.output());

        KybernCluster.Result wrongToken = kubectl("--token", "wrong", "get", "namespaces");
        assertNotEquals(0, wrongToken.exitCode());
        assertTrue(wrongToken.output().contains("Unauthorized"), wrongToken.output());
    }

    private static KybernCluster.Result kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig",
                cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        return cluster.run(command);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.server() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Up to {@code max} bytes, fewer if the peer closes or stays silent. */
    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        byte[] buffer = new byte[max];
        int n = 0;
        try {
            for (int r; n < max && (r = in.read(buffer, n, max - n)) > 0;) {
                n += r;
            }
        } catch (SocketTimeoutException | SocketException silentOrReset) {
            // Silence or a reset: no HTTP answer either way.
        }
        return Arrays.copyOf(buffer, n);
    }
}
