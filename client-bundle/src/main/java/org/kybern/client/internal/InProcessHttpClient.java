package org.kybern.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpClientBuilder;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.StandardWebSocketBuilder;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * fabric8's HTTP client for this Karaf's own API server, without a socket: requests go over
 * {@link InProcessConnection}s to the server's {@link InProcessConnector}, HTTP/1.1 as on its https
 * port, so they pass the same authentication, admission and handlers; what is saved is TLS, the kernel's
 * loopback TCP and the JDK client's selector thread and hand-offs. The bearer token still goes in each
 * request's {@code Authorization} header (fabric8's interceptors add it as they would for https).
 *
 * <p>Connections are kept for the next request once a response was read to its end (a watch holds its
 * connection for as long as it lasts). Web sockets (exec, attach, port-forward) are not offered:
 * Kybern's components do not use them; a client that needs them sets {@code server} in
 * {@code org.kybern.client} to go over https.
 */
final class InProcessHttpClient
        extends StandardHttpClient<InProcessHttpClient, InProcessHttpClient.Factory, InProcessHttpClient.Builder> {

    /** Headers the connection writes itself, or that have no meaning on it. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection",
            "transfer-encoding", "expect", "upgrade");

    /** Methods whose requests go without {@code Content-Length} when they have no body. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "DELETE", "OPTIONS");

    private final Transport transport;

    private InProcessHttpClient(Builder builder, Transport transport, AtomicBoolean closed) {
        super(builder, closed);
        this.transport = transport;
    }

    @Override
    public CompletableFuture<HttpResponse<AsyncBody>> consumeBytesDirect(StandardHttpRequest request,
            AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        byte[] body;
        byte[] head;
        try {
            body = body(request);
            head = head(request, body.length);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        InProcessConnection connection;
        try {
            connection = transport.connection();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.send(request, head, body, consumer);
    }

    @Override
    public CompletableFuture<WebSocketResponse> buildWebSocketDirect(StandardWebSocketBuilder builder,
            WebSocket.Listener listener) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "web sockets (exec, attach, port-forward) are not available on the in-process connection to this "
                        + "Karaf's API server; set server in org.kybern.client to reach it over https"));
    }

    @Override
    protected void doClose() {
        transport.close();
    }

    /** The request line and headers, then the empty line. */
    static byte[] head(StandardHttpRequest request, int bodyLength) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        header(head, "Host", uri.getRawAuthority() == null ? "localhost" : uri.getRawAuthority());
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // The request's content type, when it has one, replaces a Content-Type header (as the JDK client does).
            if (!OWN_HEADERS.contains(name) && !(name.equals("content-type") && request.getContentType() != null)) {
                for (String value : header.getValue()) {
                    header(head, header.getKey(), value);
                }
            }
        }
        if (request.getContentType() != null) {
            header(head, "Content-Type", request.getContentType());
        }
        if (request.body() != null || !BODILESS.contains(request.method())) {
            header(head, "Content-Length", Integer.toString(bodyLength));
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder head, String name, String value) {
        boolean valid = !name.isEmpty();
        for (int i = 0; i < name.length() && valid; i++) {
            char c = name.charAt(i);
            valid = c > ' ' && c != ':' && c < 127;
        }
        if (!valid || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a valid HTTP header: " + name + ": " + value);
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static byte[] body(StandardHttpRequest request) throws IOException {
        StandardHttpRequest.BodyContent body = request.body();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof StandardHttpRequest.StringBodyContent text) {
            return text.getContent().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof StandardHttpRequest.ByteArrayBodyContent bytes) {
            return bytes.getContent();
        }
        if (body instanceof StandardHttpRequest.InputStreamBodyContent stream) {
            try (InputStream in = stream.getContent()) {
                return in.readAllBytes();
            }
        }
        throw new IllegalArgumentException("unsupported request body " + body.getClass().getName());
    }

    /** What a client and the clients derived from it share: idle connections, receiving threads. */
    private static final class Transport implements InProcessConnection.Pool {
        private final InProcessConnectorFactory server;
        private final ExecutorService receiving = ClientThreads.receivingPool();
        private final Deque<InProcessConnection> idle = new ArrayDeque<>();
        private final Set<InProcessConnection> all = new HashSet<>();
        private boolean closed;

        Transport(InProcessConnectorFactory server) {
            this.server = server;
        }

        /** An idle connection that is still open, or a new one. */
        InProcessConnection connection() throws IOException {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the API client is closed");
                }
                for (InProcessConnection connection; (connection = idle.pollLast()) != null; ) {
                    if (connection.isOpen()) {
                        return connection;
                    }
                    all.remove(connection);
                }
            }
            InProcessConnection connection = new InProcessConnection(server.connect(), receiving, this);
            synchronized (this) {
                all.add(connection);
            }
            return connection;
        }

        @Override
        public synchronized void release(InProcessConnection connection) {
            if (!closed && all.contains(connection)) {
                idle.addLast(connection);
            }
        }

        @Override
        public synchronized void discard(InProcessConnection connection) {
            idle.remove(connection);
            all.remove(connection);
        }

        void close() {
            List<InProcessConnection> open;
            synchronized (this) {
                closed = true;
                open = List.copyOf(all);
                idle.clear();
            }
            open.forEach(InProcessConnection::close);
            receiving.shutdown();
        }
    }

    /** Builds clients that share one {@link Transport}, as derived fabric8 clients share their HTTP client. */
    static final class Builder extends StandardHttpClientBuilder<InProcessHttpClient, Factory, Builder> {
        Builder(Factory factory) {
            super(factory);
        }

        @Override
        public HttpClient build() {
            if (client != null) {
                return new InProcessHttpClient(this, client.transport, client.getClosed());
            }
            return new InProcessHttpClient(this, new Transport(clientFactory.server), new AtomicBoolean());
        }

        @Override
        protected Builder newInstance(Factory factory) {
            return new Builder(factory);
        }
    }

    /** The factory to hand fabric8's {@code KubernetesClientBuilder}: its clients reach {@code server}'s connector. */
    static final class Factory implements HttpClient.Factory {
        private final InProcessConnectorFactory server;

        Factory(InProcessConnectorFactory server) {
            this.server = server;
        }

        @Override
        public Builder newBuilder() {
            return new Builder(this);
        }
    }
}
