package org.kybern.proxy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kybern.api.proxy.ProxyBackend;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.proxy.internal.ProxyMode.Registered;

/** The text of {@code kybern:proxy}: the modes, every backend and why it cannot run, every service port. */
final class ProxyReport {

    private ProxyReport() {
    }

    /**
     * @param desired       the state computed from the caches now, or null before the first listing
     * @param connectProblem why the proxy is not watching yet, or null
     */
    static List<String> lines(String nodeName, BackendSwitch.Status status, ProxyState desired, String connectProblem) {
        List<String> lines = new ArrayList<>();
        lines.add("mode:     " + status.mode() + " (configured), active backend: "
                + (status.activeMode() == null ? "none" : status.activeMode()));
        lines.add("choice:   " + (status.choice().isEmpty() ? "not made yet" : status.choice()));
        lines.add("node:     " + nodeName + (desired == null ? "" : ", node addresses " + String.join(" ", desired.nodeAddresses())));
        if (status.lastFailure() != null) {
            lines.add("failing:  " + status.lastFailure() + " (retried with back-off)");
        }
        if (connectProblem != null) {
            lines.add("watching: not yet: " + connectProblem);
        }
        lines.add("backends:");
        if (status.registered().isEmpty()) {
            lines.add("  none registered");
        }
        for (Registered r : status.registered()) {
            String reason = r.unusableReason();
            lines.add(String.format("  %-10s %s%s", r.mode(), reason == null ? "usable" : "unusable: " + reason,
                    r.backend() == status.activeBackend() ? " (active)" : ""));
        }
        if (desired == null) {
            lines.add("service ports: not known yet (waiting for the first listing of Services and EndpointSlices)");
            return lines;
        }
        Map<String, String> described = describe(status.activeBackend());
        lines.add("service ports: " + desired.servicePorts().size());
        for (ServicePort p : desired.servicePorts()) {
            lines.add("  " + p.key() + "  " + p.protocol() + " " + p.clusterIP() + ":" + p.port()
                    + (p.nodePort() == 0 ? "" : "  nodePort " + p.nodePort())
                    + (p.clientIpAffinity() ? "  affinity ClientIP " + p.affinityTimeoutSeconds() + "s" : "")
                    + "  endpoints " + (p.endpoints().isEmpty() ? "none (refused)"
                            : p.endpoints().stream().map(ServicePort.Endpoint::toString).collect(Collectors.joining(","))));
            String text = described.get(p.key());
            if (text != null && !text.isBlank()) {
                text.lines().forEach(l -> lines.add("      " + l));
            }
        }
        return lines;
    }

    private static Map<String, String> describe(ProxyBackend backend) {
        if (backend == null) {
            return Map.of();
        }
        try {
            return backend.describe();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
