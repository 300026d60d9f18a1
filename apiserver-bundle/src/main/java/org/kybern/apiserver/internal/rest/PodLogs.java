package org.kybern.apiserver.internal.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET pods/<name>/log}: the container's log, proxied from the kubelet of the pod's node
 * ({@code /containerLogs/<namespace>/<pod>/<container>} on the node's address and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}), streamed through as it arrives. A kubelet
 * that shows a serving-certificate fingerprint on its Node is asked over HTTPS, trusting exactly
 * that certificate; the API server shows it its client certificate (signed by the cluster CA) and
 * the node's own token.
 */
final class PodLogs {

    private static final ResourceType NODES = ResourceTypes.find("", "v1", "nodes").orElseThrow();
    private static final ResourceType LOG_OPTIONS = new ResourceType("", "v1", "podlogoptions", "podlogoptions",
            "PodLogOptions", true, List.of(), List.of());
    private static final List<String> FLAGS = List.of("follow", "previous", "timestamps");
    private static final int DEFAULT_KUBELET_PORT = 10250;
    /** Where a kubelet shows the SHA-256 of its self-signed serving certificate (kubelet-bundle's ServingCertificate). */
    static final String KUBELET_CERT_ANNOTATION = "kybern.io/kubelet-serving-cert-sha256";

    private record Pinned(String sha256, HttpClient client) {
    }

    /** Per node, the client trusting its kubelet's current certificate (one per node, replaced when it changes). */
    private final java.util.Map<String, Pinned> pinnedClients = new java.util.concurrent.ConcurrentHashMap<>();

    private final ObjectStore objects;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A user's token from the token file, for the kubelet's own token {@code system:node:<node>}. */
    private final java.util.function.Function<String, java.util.Optional<String>> tokenOfUser;

    /** TLS to a kubelet whose serving certificate has a given SHA-256, showing the API server's client certificate. */
    interface KubeletTls {
        javax.net.ssl.SSLContext forCertificate(String sha256) throws java.io.IOException,
                java.security.GeneralSecurityException;
    }

    private final KubeletTls kubeletTls;

    PodLogs(ObjectStore objects) {
        this(objects, user -> java.util.Optional.empty(), sha256 -> {
            throw new java.security.GeneralSecurityException("no TLS credentials for kubelets");
        });
    }

    PodLogs(ObjectStore objects, java.util.function.Function<String, java.util.Optional<String>> tokenOfUser,
            KubeletTls kubeletTls) {
        this.objects = objects;
        this.tokenOfUser = tokenOfUser;
        this.kubeletTls = kubeletTls;
    }

    /** Where the log is: the kubelet URL with the passed-through options. Refusals as Kubernetes words them. */
    URI location(ObjectNode pod, java.util.function.Function<String, String> query) {
        String name = pod.path("metadata").path("name").asString("");
        String namespace = pod.path("metadata").path("namespace").asString("");
        String container = container(pod, query.apply("container"));
        String options = options(name, query);
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        ObjectNode node = objects.get(NODES, null, nodeName);
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port")
                .asInt(DEFAULT_KUBELET_PORT);
        String scheme = pin(node).isEmpty() ? "http" : "https";
        return URI.create(scheme + "://" + hostPart(address(node)) + ":" + port + "/containerLogs/" + encode(namespace)
                + "/" + encode(name) + "/" + encode(container) + options);
    }

    /**
     * Copies the kubelet's answer to the client, flushing every chunk so {@code follow} shows lines
     * as they come. The kubelet of {@code nodeName} serves only whoever shows its own node token
     * ({@code system:node:<nodeName>} in the token file), which only it and the API server know.
     */
    void stream(URI location, String nodeName, HttpServletResponse resp) throws IOException {
        HttpResponse<InputStream> upstream;
        HttpRequest.Builder request = HttpRequest.newBuilder(location).GET();
        if (location.getScheme().equals("https")) { // never a credential in clear text
            tokenOfUser.apply("system:node:" + nodeName)
                    .ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        try {
            upstream = client(location, nodeName).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(503, "ServiceUnavailable", "the kubelet at " + location.getAuthority()
                    + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "ServiceUnavailable", "interrupted while asking the kubelet for the log");
        }
        try (InputStream in = upstream.body()) {
            if (upstream.statusCode() / 100 != 2) {
                String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
                int code = upstream.statusCode();
                if (code == 401 || code == 403) { // the kubelet refused the API server: the cluster's fault, not the client's
                    throw new ApiException(502, "BadGateway", "the kubelet of node " + nodeName + " refused the API server: "
                            + text + " (is its token system:node:" + nodeName + " in the API server's token file?)");
                }
                throw new ApiException(code, code == 404 ? "NotFound" : "BadRequest",
                        text.isEmpty() ? "the kubelet answered " + code : text);
            }
            resp.setStatus(200);
            resp.setContentType(upstream.headers().firstValue("Content-Type").orElse("text/plain"));
            OutputStream out = resp.getOutputStream();
            out.flush(); // the client sees the headers before the first line, which may take a while with follow
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    /**
     * The HTTP client for a kubelet: over https, one that shows the API server's client certificate
     * and trusts exactly the serving certificate whose fingerprint the kubelet put on its Node (a
     * new one at each kubelet start).
     */
    private HttpClient client(URI location, String nodeName) {
        if (!location.getScheme().equals("https")) {
            return http;
        }
        String pin = pin(objects.get(NODES, null, nodeName));
        Pinned pinned = pinnedClients.get(nodeName);
        if (pinned == null || !pinned.sha256().equals(pin)) {
            try {
                pinned = new Pinned(pin, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER).sslContext(kubeletTls.forCertificate(pin)).build());
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new ApiException(503, "ServiceUnavailable", "no TLS to the kubelet of node " + nodeName + ": " + e);
            }
            pinnedClients.put(nodeName, pinned);
        }
        return pinned.client();
    }

    /** The fingerprint of the kubelet's serving certificate the Node shows, or empty (a kubelet serving http). */
    private static String pin(ObjectNode node) {
        return node.path("metadata").path("annotations").path(KUBELET_CERT_ANNOTATION).asString("");
    }

    /** The container the request names, or the pod's only one. */
    private static String container(ObjectNode pod, String requested) {
        String name = pod.path("metadata").path("name").asString("");
        JsonNode spec = pod.path("spec");
        List<String> containers = names(spec.path("containers"));
        List<String> init = names(spec.path("initContainers"));
        if (requested == null || requested.isEmpty()) {
            if (containers.size() == 1) {
                return containers.get(0);
            }
            if (containers.isEmpty()) {
                throw ApiException.badRequest("a container name must be specified for pod " + name);
            }
            String message = "a container name must be specified for pod " + name + ", choose one of: " + goList(containers);
            if (!init.isEmpty()) {
                message += " or one of the init containers: " + goList(init);
            }
            throw ApiException.badRequest(message);
        }
        if (!containers.contains(requested) && !init.contains(requested)
                && !names(spec.path("ephemeralContainers")).contains(requested)) {
            throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
        }
        return requested;
    }

    /** The query for the kubelet, checked as Kubernetes checks PodLogOptions. */
    private static String options(String pod, java.util.function.Function<String, String> query) {
        List<String> parts = new ArrayList<>();
        List<ObjectStore.Cause> causes = new ArrayList<>();
        for (String flag : FLAGS) {
            String value = query.apply(flag);
            if (value != null && !value.isEmpty()) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw ApiException.badRequest(flag + " must be true or false, not \"" + value + "\"");
                }
                parts.add(flag + "=" + value);
            }
        }
        number(query, "tailLines", 0, "must be greater than or equal to 0", parts, causes);
        number(query, "limitBytes", 1, "must be greater than 0", parts, causes);
        number(query, "sinceSeconds", 1, "must be greater than 0", parts, causes);
        String sinceTime = query.apply("sinceTime");
        if (sinceTime != null && !sinceTime.isEmpty()) {
            if (query.apply("sinceSeconds") != null) {
                causes.add(new ObjectStore.Cause("FieldValueForbidden", "", "Forbidden: at most one of `sinceTime` or "
                        + "`sinceSeconds` may be specified"));
            }
            try {
                java.time.Instant.parse(sinceTime);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("sinceTime must be an RFC 3339 time, not \"" + sinceTime + "\"");
            }
            parts.add("sinceTime=" + encode(sinceTime));
        }
        if (!causes.isEmpty()) {
            throw new ObjectStore.InvalidException(LOG_OPTIONS, pod, causes);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static void number(java.util.function.Function<String, String> query, String name, long min, String rule,
            List<String> parts, List<ObjectStore.Cause> causes) {
        String value = query.apply(name);
        if (value == null || value.isEmpty()) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, not \"" + value + "\"");
        }
        if (n < min) {
            causes.add(new ObjectStore.Cause("FieldValueInvalid", name, "Invalid value: " + n + ": " + rule));
        }
        parts.add(name + "=" + n);
    }

    /** The node's InternalIP, else its Hostname, else loopback (a node on this machine). */
    private static String address(ObjectNode node) {
        for (String type : List.of("InternalIP", "Hostname")) {
            for (JsonNode a : node.path("status").path("addresses")) {
                if (a.path("type").asString("").equals(type) && !a.path("address").asString("").isEmpty()) {
                    return a.path("address").asString();
                }
            }
        }
        return "127.0.0.1";
    }

    private static String hostPart(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asString("")));
        return names;
    }

    /** As Go prints a []string with %v. */
    private static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
