package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.kybern.api.runtime.ContainerRuntime;
import org.kybern.api.runtime.ExecResult;

/** Runs one probe once: httpGet (2xx/3xx), tcpSocket (connects) or exec (exit code 0). */
final class Prober {

    private final ContainerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Prober(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Whether the probe succeeds against the container {@code containerId} of a pod at {@code podIP}. */
    boolean probe(Probe probe, Container container, String containerId, String podIP) {
        Duration timeout = Duration.ofSeconds(Math.max(1, value(probe.getTimeoutSeconds(), 1)));
        try {
            if (probe.getExec() != null) {
                ExecResult result = runtime.exec(containerId, probe.getExec().getCommand(), timeout);
                return !result.timedOut() && result.exitCode() == 0;
            }
            if (probe.getHttpGet() != null) {
                var get = probe.getHttpGet();
                String host = get.getHost() == null || get.getHost().isEmpty() ? podIP : get.getHost();
                String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
                String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
                if (!path.startsWith("/")) {
                    path = "/" + path;
                }
                URI uri = URI.create(scheme + "://" + hostPart(host) + ":" + port(get.getPort(), container) + path);
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                        .header("User-Agent", "kube-probe/1.32");
                for (HTTPHeader h : list(get.getHttpHeaders())) {
                    request.header(h.getName(), h.getValue());
                }
                int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return code >= 200 && code < 400;
            }
            if (probe.getTcpSocket() != null) {
                var tcp = probe.getTcpSocket();
                String host = tcp.getHost() == null || tcp.getHost().isEmpty() ? podIP : tcp.getHost();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port(tcp.getPort(), container)), (int) timeout.toMillis());
                    return true;
                }
            }
            return true; // a probe without a handler: Kubernetes' validation refuses it; count it as passing
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A port number, or the number of the container's port of that name. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("the probe names no port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        for (ContainerPort p : list(container.getPorts())) {
            if (name.equals(p.getName())) {
                return p.getContainerPort();
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the container has no port named " + name);
        }
    }

    static int value(Integer value, int defaultValue) {
        return value == null || value <= 0 ? defaultValue : value;
    }

    private static String hostPart(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
