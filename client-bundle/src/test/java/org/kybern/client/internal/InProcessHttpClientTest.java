package org.kybern.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process transport against a real Jetty server that has the connector added the way Felix's
 * Jetty adds it (started server, then {@code createConnector}, {@code addConnector}, {@code start}).
 */
class InProcessHttpClientTest {

    private static final String BASE = "https://127.0.0.1:6443";
    private static final int BIG = 5 * 1024 * 1024 + 17;

    private final InProcessConnectorFactory connectors = new InProcessConnectorFactory();
    private final Set<Object> serverConnections = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> watchLines = new LinkedBlockingQueue<>();
    private final CountDownLatch neverAnswered = new CountDownLatch(1);
    private Server server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serverConnections.add(request.getConnectionMetaData().getConnection());
                String path = Request.getPathInContext(request);
                switch (path) {
                    case "/echo" -> {
                        String body = Content.Source.asString(request);
                        response.getHeaders().put("X-Method", request.getMethod());
                        response.getHeaders().put("X-Query", String.valueOf(request.getHttpURI().getQuery()));
                        response.getHeaders().put("X-Token", String.valueOf(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
                        response.getHeaders().put("X-Content-Type", String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
                        Content.Sink.write(response, true, body, callback);
                    }
                    case "/big" -> {
                        byte[] bytes = new byte[BIG];
                        Arrays.fill(bytes, (byte) 'k');
                        bytes[BIG - 1] = 'z';
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BIG);
                        response.write(true, ByteBuffer.wrap(bytes), callback);
                    }
                    case "/watch" -> { // chunked, one line at a time, each as the test hands it over
                        try (OutputStream out = Content.Sink.asOutputStream(response)) {
                            for (String line; !(line = watchLines.take()).equals("END"); ) {
                                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                        }
                        callback.succeeded();
                    }
                    case "/close" -> {
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        Content.Sink.write(response, true, "bye", callback);
                    }
                    case "/silent" -> {
                        neverAnswered.await(30, TimeUnit.SECONDS);
                        callback.succeeded();
                    }
                    default -> {
                        response.setStatus(404);
                        Content.Sink.write(response, true, "no " + path, callback);
                    }
                }
                return true;
            }
        });
        server.start();
        Connector connector = connectors.createConnector(server);
        server.addConnector(connector);
        connector.start();
        // No retries: the failures below are to reach the caller, not to be retried by fabric8.
        client = new InProcessHttpClient.Factory(connectors)
                .newBuilder(new ConfigBuilder(Config.empty()).withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stop() throws Exception {
        neverAnswered.countDown();
        watchLines.add("END");
        client.close();
        server.stop();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return client.newHttpRequestBuilder().uri(BASE + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.sendAsync(request, String.class).get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsReachTheServerWithTheirMethodQueryHeadersAndBodyOverOneKeptConnection() throws Exception {
        HttpResponse<String> posted = send(request("/echo?labelSelector=a%3Db&limit=5")
                .header("Authorization", "Bearer t0k3n")
                .post("application/json", "{\"kind\":\"Binding\"}").build());
        assertEquals(200, posted.code());
        assertEquals("{\"kind\":\"Binding\"}", posted.body());
        assertEquals("POST", posted.header("x-method"));
        assertEquals("labelSelector=a%3Db&limit=5", posted.header("X-Query"));
        assertEquals("Bearer t0k3n", posted.header("X-Token"));
        assertEquals("application/json", posted.header("X-Content-Type"));

        HttpResponse<String> put = send(request("/echo").header("Content-Type", "text/plain").method("PUT", null, "plain")
                .build());
        assertEquals("PUT", put.header("X-Method"));
        assertEquals("text/plain", put.header("X-Content-Type"), "a Content-Type header of its own goes as it is");
        assertEquals("plain", put.body());

        HttpResponse<String> got = send(request("/echo").build());
        assertEquals("GET", got.header("X-Method"));
        assertEquals("", got.body());
        HttpResponse<String> missing = send(request("/nothing").build());
        assertEquals(404, missing.code());
        assertEquals("no /nothing", missing.body());
        assertEquals(1, serverConnections.size(), "one after the other, the requests share a connection");
    }

    @Test
    void aBodyLargerThanAnyBufferArrivesWhole() throws Exception {
        HttpResponse<byte[]> big = client.sendAsync(request("/big").build(), byte[].class).get(30, TimeUnit.SECONDS);
        assertEquals(BIG, big.body().length);
        assertEquals('k', big.body()[0]);
        assertEquals('z', big.body()[BIG - 1]);
        assertEquals("x", send(request("/echo").post("text/plain", "x").build()).body(),
                "after it, the connection serves the next request");
    }

    @Test
    void aStreamedBodyIsHandedOverPartByPartAsTheServerWritesIt() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<io.fabric8.kubernetes.client.http.AsyncBody>> watch = client.consumeBytes(
                request("/watch?watch=true").build(), (buffers, body) -> {
                    for (ByteBuffer buffer : buffers) {
                        received.add(StandardCharsets.UTF_8.decode(buffer).toString());
                    }
                    body.consume();
                });
        watchLines.add("{\"type\":\"ADDED\"}");
        HttpResponse<io.fabric8.kubernetes.client.http.AsyncBody> response = watch.get(10, TimeUnit.SECONDS);
        response.body().consume();
        assertEquals("{\"type\":\"ADDED\"}\n", received.poll(10, TimeUnit.SECONDS));
        watchLines.add("{\"type\":\"MODIFIED\"}");
        assertEquals("{\"type\":\"MODIFIED\"}\n", received.poll(10, TimeUnit.SECONDS),
                "the second event arrives while the response goes on");
        assertFalse(response.body().done().isDone(), "the response goes on until the server ends it");
        watchLines.add("END");
        response.body().done().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aResponseThatClosesItsConnectionLeavesTheNextRequestANewOne() throws Exception {
        assertEquals("bye", send(request("/close").build()).body());
        assertEquals("again", send(request("/echo").post("text/plain", "again").build()).body());
        assertEquals(2, serverConnections.size());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeFailsTheRequestWithATimeout() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> client.consumeBytes(
                request("/silent").timeout(300, TimeUnit.MILLISECONDS).build(), (buffers, body) -> body.consume())
                .get(10, TimeUnit.SECONDS));
        assertInstanceOf(HttpTimeoutException.class, failed.getCause(), failed::toString);
    }

    @Test
    void withTheServerStoppedARequestFailsAsAgainstAClosedPort() throws Exception {
        server.stop();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> client.consumeBytes(request("/echo").build(), (buffers, body) -> body.consume())
                        .get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectException.class, failed.getCause(), failed::toString);
    }
}
