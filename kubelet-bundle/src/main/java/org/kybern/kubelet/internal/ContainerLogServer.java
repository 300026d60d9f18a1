package org.kybern.kubelet.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.ContainerStatus;
import org.kybern.api.runtime.LogOptions;
import org.kybern.api.runtime.RuntimeLabels;
import org.kybern.api.runtime.RuntimeOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's server for the API server's {@code pods/log} proxy:
 * {@code GET /containerLogs/<namespace>/<pod>/<container>?follow&tailLines&previous&timestamps&sinceSeconds&sinceTime}.
 *
 * <p>HTTPS with the kubelet's own {@link ServingCertificate}, which the API server trusts by the
 * fingerprint the Node shows. Only the API server may ask: a request must show a client
 * certificate signed by the cluster CA (see {@link ClientCertificates}) or carry
 * {@code Authorization: Bearer <token>} with this node's own API token, which only the node and the
 * API server (its token file) know.
 */
final class ContainerLogServer {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLogServer.class);

    private final HttpsServer server;
    private final ContainerRuntime runtime;
    private final String nodeName;
    private final Supplier<Map<String, String>> nodeSelector;
    /** The node's own API token, or {@code null} while the kubelet has none yet. */
    private final Supplier<String> nodeToken;
    private final ClientCertificates clients;

    /**
     * @param nodeSelector the labels of what this kubelet made (its node in its cluster), or
     *                     {@code null} while it has not started
     * @param certificate  the kubelet's serving certificate
     */
    ContainerLogServer(InetSocketAddress address, ContainerRuntime runtime, String nodeName,
            Supplier<Map<String, String>> nodeSelector, Supplier<String> nodeToken, ServingCertificate certificate,
            ClientCertificates clients, ExecutorService executor) throws IOException {
        this.clients = clients;
        this.runtime = runtime;
        this.nodeName = nodeName;
        this.nodeSelector = nodeSelector;
        this.nodeToken = nodeToken;
        this.server = HttpsServer.create(address, 16);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setWantClientAuth(true); // asked, not required: a missing one gets a clear 401
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/containerLogs/", this::containerLogs);
        server.createContext("/healthz", exchange -> answer(exchange, 200, "ok"));
        server.setExecutor(executor);
        server.start();
        LOG.info("Kubelet {} serves container logs on https://{}:{}", nodeName, address.getHostString(),
                server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void containerLogs(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> refusal = refusal(exchange);
            if (refusal.isPresent()) {
                boolean anonymous = refusal.get().startsWith("no client certificate")
                        && exchange.getRequestHeaders().getFirst("Authorization") == null;
                answer(exchange, anonymous ? 401 : 403, anonymous
                        ? "Unauthorized: the kubelet needs a client certificate signed by the cluster CA (or the node's token)"
                        : "Forbidden: " + refusal.get() + "; container logs on node " + nodeName + " are for the API server");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 405, "only GET is served");
                return;
            }
            String[] parts = exchange.getRequestURI().getRawPath().substring("/containerLogs/".length()).split("/");
            if (parts.length != 3) {
                answer(exchange, 404, "expected /containerLogs/<namespace>/<pod>/<container>");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String ns = decode(parts[0]);
            String pod = decode(parts[1]);
            String container = decode(parts[2]);
            LogRequest request;
            try {
                request = LogRequest.parse(query, Instant.now());
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, e.getMessage());
                return;
            }
            Map<String, String> ownLabels = nodeSelector.get();
            if (ownLabels == null) {
                answer(exchange, 503, "the kubelet of node " + nodeName + " is starting");
                return;
            }
            Map<String, String> selector = new HashMap<>(ownLabels);
            selector.put(RuntimeLabels.POD_NAMESPACE, ns);
            selector.put(RuntimeLabels.POD_NAME, pod);
            selector.put(RuntimeLabels.CONTAINER_NAME, container);
            List<ContainerStatus> attempts = PodSyncer.attempts(runtime.listContainers(selector))
                    .getOrDefault(container, List.of());
            int index = request.previous() ? 1 : 0;
            if (attempts.size() <= index) {
                answer(exchange, request.previous() ? 400 : 404, request.previous()
                        ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found"
                        : "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start: no container yet");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = new FlushingOutputStream(exchange.getResponseBody());
            try {
                runtime.logs(attempts.get(index).id(), request.options(), out);
            } catch (RuntimeOperationException | IOException e) {
                LOG.debug("Log stream of {}/{}/{} ended: {}", ns, pod, container, e.getMessage());
            }
        }
    }

    /**
     * Why this request may not read logs, or empty: it shows a client certificate signed by the
     * cluster CA, or the node's own token.
     */
    private Optional<String> refusal(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = nodeToken.get();
        if (authorization != null && token != null && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            chain = null;
        }
        Optional<String> byCertificate = clients.refusal(chain);
        if (byCertificate.isPresent() && authorization != null) {
            return Optional.of("the token is not this node's, and " + byCertificate.get());
        }
        return byCertificate;
    }

    /** Log options as the API server passes them on. */
    record LogRequest(LogOptions options, boolean previous) {

        static LogRequest parse(Map<String, String> query, Instant now) {
            boolean follow = flag(query, "follow");
            boolean previous = flag(query, "previous");
            boolean timestamps = flag(query, "timestamps");
            int tail = -1;
            if (query.containsKey("tailLines")) {
                tail = (int) Math.min(Integer.MAX_VALUE, number(query, "tailLines"));
            }
            Instant since = null;
            if (query.containsKey("sinceSeconds")) {
                since = now.minusSeconds(number(query, "sinceSeconds"));
            } else if (query.containsKey("sinceTime")) {
                try {
                    since = Instant.parse(query.get("sinceTime"));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("sinceTime must be an RFC 3339 time, not \"" + query.get("sinceTime") + "\"");
                }
            }
            return new LogRequest(new LogOptions(follow && !previous, tail, since, timestamps), previous);
        }

        private static boolean flag(Map<String, String> query, String name) {
            String v = query.get(name);
            if (v == null || v.isEmpty() || v.equals("false")) {
                return false;
            }
            if (v.equals("true")) {
                return true;
            }
            throw new IllegalArgumentException(name + " must be true or false, not \"" + v + "\"");
        }

        private static long number(Map<String, String> query, String name) {
            try {
                long n = Long.parseLong(query.get(name));
                if (n < 0) {
                    throw new IllegalArgumentException(name + " must not be negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, not \"" + query.get(name) + "\"");
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "true" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int code, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Flushes each write, so a followed log reaches the API server (and kubectl) line by line. */
    private static final class FlushingOutputStream extends java.io.FilterOutputStream {
        FlushingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }
    }
}
