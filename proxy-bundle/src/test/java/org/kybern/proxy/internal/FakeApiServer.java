package org.kybern.proxy.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of a Kubernetes API server on loopback for informers: a list of each collection (which
 * a test may hold back with a latch; filtered by a {@code metadata.name} field selector) and a watch stream the test pushes events into.
 */
final class FakeApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Map<String, List<? extends HasMetadata>> lists = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<String>> events = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> listCalls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    FakeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What a list of the collection at {@code path} (e.g. {@code /api/v1/services}) returns. */
    void list(String path, List<? extends HasMetadata> items) {
        lists.put(path, items);
    }

    /** Lists of {@code path} wait until the latch opens. */
    void hold(String path, CountDownLatch latch) {
        held.put(path, latch);
    }

    /** Sends a watch event ({@code ADDED}, {@code MODIFIED}, {@code DELETED}) on {@code path}'s watch. */
    void event(String path, String type, HasMetadata object) {
        queue(path).add("{\"type\":\"" + type + "\",\"object\":" + json.asJson(object) + "}\n");
    }

    /** How many times the collection at {@code path} was listed. */
    int listCalls(String path) {
        return listCalls.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private BlockingQueue<String> queue(String path) {
        return events.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        try (exchange) {
            if ("websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Upgrade"))) {
                // as Kybern's API server: no WebSocket watches; an empty answer makes fabric8 watch over HTTP
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (query.contains("watch=true")) {
                watch(exchange, path);
                return;
            }
            CountDownLatch latch = held.get(path);
            if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("held too long");
            }
            listCalls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            List<String> items = new ArrayList<>();
            String named = named(query);
            lists.getOrDefault(path, List.of()).stream()
                    .filter(o -> named == null || named.equals(o.getMetadata().getName()))
                    .forEach(o -> items.add(json.asJson(o)));
            byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":["
                    + String.join(",", items) + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The name of {@code fieldSelector=metadata.name=<name>}, or null. */
    private static String named(String query) {
        String prefix = "fieldSelector=metadata.name=";
        for (String parameter : URLDecoder.decode(query, StandardCharsets.UTF_8).split("&")) {
            if (parameter.startsWith(prefix)) {
                return parameter.substring(prefix.length());
            }
        }
        return null;
    }

    private void watch(HttpExchange exchange, String path) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        BlockingQueue<String> queue = queue(path);
        while (!closed) {
            String event = queue.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
