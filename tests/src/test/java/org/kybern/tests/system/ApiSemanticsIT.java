package org.kybern.tests.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kubernetes' object semantics over real HTTP: finalizers and propagation policies on delete,
 * graceful pod deletion, the pod subresources (binding, eviction, log through a kubelet-like
 * endpoint), and the Service cluster IP and node port allocators.
 */
@ExtendWith(SharedCluster.class)
class ApiSemanticsIT {

    private static HttpClient http;
    private static final String CM = "/api/v1/namespaces/default/configmaps";
    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String SVC = "/api/v1/namespaces/default/services";
    private static KybernCluster cluster;

    @BeforeAll
    static void up() throws Exception {
        cluster = SharedCluster.get();
        http = cluster.httpClient();
    }

    @Test
    void finalizersKeepAnObjectUntilTheLastIsRemoved() throws Exception {
        try {
            expect(201, send("POST", CM, "{\"metadata\":{\"name\":\"sem-fin\",\"finalizers\":[\"example.com/hold\"]}}"));
            HttpResponse<String> deleted = expect(200, send("DELETE", CM + "/sem-fin", null));
            assertTrue(deleted.body().contains("\"deletionTimestamp\""), deleted.body());
            assertTrue(deleted.body().contains("\"deletionGracePeriodSeconds\":0"), deleted.body());
            expect(200, send("GET", CM + "/sem-fin", null));
            expect(422, patch(CM + "/sem-fin", "{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/new\"]}}"));
            expect(200, patch(CM + "/sem-fin", "{\"metadata\":{\"finalizers\":null}}"));
            expect(404, send("GET", CM + "/sem-fin", null));
        } finally {
            release(CM + "/sem-fin");
        }
    }

    @Test
    void foregroundDeletionAddsItsFinalizer() throws Exception {
        try {
            expect(201, send("POST", CM, "{\"metadata\":{\"name\":\"sem-fg\"}}"));
            HttpResponse<String> deleted = expect(200, send("DELETE", CM + "/sem-fg",
                    "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Foreground\"}"));
            assertTrue(deleted.body().contains("\"finalizers\":[\"foregroundDeletion\"]"), deleted.body());
            expect(200, send("GET", CM + "/sem-fg", null));
            expect(422, send("DELETE", CM + "/sem-fg?propagationPolicy=Sometimes", null));
        } finally {
            release(CM + "/sem-fg");
        }
        expect(201, send("POST", CM, "{\"metadata\":{\"name\":\"sem-bg\"}}"));
        HttpResponse<String> background = expect(200, send("DELETE", CM + "/sem-bg?propagationPolicy=Background", null));
        assertTrue(background.body().contains("\"status\":\"Success\""), "a gone config map answers with a Status: "
                + background.body());
    }

    @Test
    void podsOnANodeAreDeletedGracefullyOthersAtOnce() throws Exception {
        try {
            expect(201, send("POST", PODS, pod("sem-graceful", "\"nodeName\":\"sem-nowhere\",")));
            HttpResponse<String> deleted = expect(200, send("DELETE", PODS + "/sem-graceful", null));
            assertTrue(deleted.body().contains("\"deletionGracePeriodSeconds\":30"), deleted.body());
            expect(200, send("GET", PODS + "/sem-graceful", null));
            KybernCluster.Result force = kubectl("delete", "pod", "sem-graceful", "--grace-period=0", "--force");
            assertEquals(0, force.exitCode(), force.output());
            expect(404, send("GET", PODS + "/sem-graceful", null));

            expect(201, send("POST", PODS, pod("sem-unscheduled", NO_SCHEDULER)));
            expect(200, send("DELETE", PODS + "/sem-unscheduled", null));
            expect(404, send("GET", PODS + "/sem-unscheduled", null));
        } finally {
            forceDelete(PODS + "/sem-graceful");
            forceDelete(PODS + "/sem-unscheduled");
        }
    }

    @Test
    void bindingAssignsANodeOnceAndEvictionDeletes() throws Exception {
        try {
            HttpResponse<String> discovery = expect(200, send("GET", "/api/v1", null));
            for (String sub : List.of("pods/binding", "pods/eviction", "pods/log")) {
                assertTrue(discovery.body().contains("\"name\":\"" + sub + "\""), sub + " in " + discovery.body());
            }
            expect(201, send("POST", PODS, pod("sem-bind", NO_SCHEDULER)));
            String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"sem-bind\"},"
                    + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"%s\"}}";
            HttpResponse<String> bound = expect(201, send("POST", PODS + "/sem-bind/binding", binding.formatted("node-a")));
            assertTrue(bound.body().contains("\"status\":\"Success\""), bound.body());
            assertTrue(send("GET", PODS + "/sem-bind", null).body().contains("\"nodeName\":\"node-a\""));
            HttpResponse<String> again = expect(409, send("POST", PODS + "/sem-bind/binding", binding.formatted("node-b")));
            assertTrue(again.body().contains("pod sem-bind is already assigned to node \\\"node-a\\\""), again.body());

            HttpResponse<String> evicted = expect(201, send("POST", PODS + "/sem-bind/eviction", "{\"apiVersion\":"
                    + "\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"sem-bind\"},\"deleteOptions\":"
                    + "{\"gracePeriodSeconds\":0}}"));
            assertTrue(evicted.body().contains("\"status\":\"Success\""), evicted.body());
            expect(404, send("GET", PODS + "/sem-bind", null));
        } finally {
            forceDelete(PODS + "/sem-bind");
        }
    }

    @Test
    void logsStreamFromTheNodesKubeletEndpoint() throws Exception {
        CountDownLatch firstLineSeen = new CountDownLatch(1);
        AtomicReference<String> askedFor = new AtomicReference<>();
        // Plays the kubelet's /containerLogs endpoint on loopback; the real kubelet serves it in a later issue.
        HttpServer standInKubeletLogEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standInKubeletLogEndpoint.createContext("/containerLogs/", exchange -> {
            askedFor.set(exchange.getRequestURI().toString());
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("line 1\n".getBytes(UTF_8));
                out.flush();
                // The second line comes only after the client saw the first: proof that nothing buffers it.
                if (firstLineSeen.await(30, TimeUnit.SECONDS)) {
                    out.write("line 2\n".getBytes(UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        standInKubeletLogEndpoint.start();
        try {
            int port = standInKubeletLogEndpoint.getAddress().getPort();
            expect(201, send("POST", "/api/v1/nodes", "{\"metadata\":{\"name\":\"sem-node\"}}"));
            expect(200, send("PUT", "/api/v1/nodes/sem-node/status", "{\"metadata\":{\"name\":\"sem-node\"},\"status\":"
                    + "{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],\"daemonEndpoints\":"
                    + "{\"kubeletEndpoint\":{\"Port\":" + port + "}}}}"));
            expect(201, send("POST", PODS, pod("sem-log", "\"nodeName\":\"sem-node\",")));
            expect(400, send("GET", PODS + "/sem-log/log?container=nope", null));

            HttpResponse<InputStream> log = http.send(cluster.adminRequest(PODS
                    + "/sem-log/log?follow=true&tailLines=5&timestamps=true").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, log.statusCode());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(log.body(), UTF_8))) {
                assertEquals("line 1", lines.readLine());
                firstLineSeen.countDown();
                assertEquals("line 2", lines.readLine());
                assertEquals(null, lines.readLine());
            }
            assertEquals("/containerLogs/default/sem-log/app?follow=true&timestamps=true&tailLines=5", askedFor.get());
        } finally {
            firstLineSeen.countDown();
            standInKubeletLogEndpoint.stop(0);
            forceDelete(PODS + "/sem-log");
            send("DELETE", "/api/v1/nodes/sem-node", null);
        }
    }

    @Test
    void servicesGetDistinctAddressesAndPorts() throws Exception {
        List<String> names = List.of("sem-a", "sem-b", "sem-c", "sem-np", "sem-np2", "sem-headless");
        try {
            String a = clusterIp(expect(201, send("POST", SVC, service("sem-a", ""))));
            String b = clusterIp(expect(201, send("POST", SVC, service("sem-b", ""))));
            assertNotEquals(a, b);
            HttpResponse<String> taken = expect(422, send("POST", SVC, service("sem-c", "\"clusterIP\":\"" + a + "\",")));
            assertTrue(taken.body().contains("spec.clusterIPs: Invalid value: []string{\\\"" + a + "\\\"}: failed to "
                    + "allocate IP " + a + ": provided IP is already allocated"), taken.body());
            expect(200, send("DELETE", SVC + "/sem-a", null));
            assertEquals(a, clusterIp(expect(201, send("POST", SVC, service("sem-c", "\"clusterIP\":\"" + a + "\",")))));

            String nodePort = match("\"nodePort\":(\\d+)", expect(201, send("POST", SVC,
                    service("sem-np", "\"type\":\"NodePort\","))).body());
            HttpResponse<String> portTaken = expect(422, send("POST", SVC, "{\"metadata\":{\"name\":\"sem-np2\"},"
                    + "\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":" + nodePort + "}]}}"));
            assertTrue(portTaken.body().contains("spec.ports[0].nodePort: Invalid value: " + nodePort
                    + ": provided port is already allocated"), portTaken.body());

            HttpResponse<String> headless = expect(201, send("POST", SVC, service("sem-headless", "\"clusterIP\":\"None\",")));
            assertEquals("None", clusterIp(headless));
        } finally {
            for (String name : names) {
                send("DELETE", SVC + "/" + name, null);
            }
        }
    }

    private static String clusterIp(HttpResponse<String> service) {
        return match("\"clusterIP\":\"([^\"]+)\"", service.body());
    }

    private static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    private static String service(String name, String spec) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + spec + "\"ports\":[{\"port\":80}]}}";
    }

    /**
     * Pods these tests bind themselves, or leave unbound, name a scheduler that does not exist, so Kybern's
     * leaves them alone as Kubernetes' would.
     */
    static final String NO_SCHEDULER = "\"schedulerName\":\"kybern-test-no-scheduler\",";

    private static String pod(String name, String spec) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + spec
                + "\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]}}";
    }

    /** Removes a test object that finalizers may hold. */
    private static void release(String path) throws Exception {
        patch(path, "{\"metadata\":{\"finalizers\":null}}");
        send("DELETE", path, null);
    }

    private static void forceDelete(String path) throws Exception {
        send("DELETE", path + "?gracePeriodSeconds=0", null);
    }

    private static HttpResponse<String> expect(int code, HttpResponse<String> response) {
        assertEquals(code, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> patch(String path, String body) throws Exception {
        return http.send(cluster.adminRequest(path).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = cluster.adminRequest(path);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KybernCluster.Result kubectl(String... args) throws Exception {
        return cluster.kubectl(args);
    }
}
