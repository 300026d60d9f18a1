package org.kybern.apiserver.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a health endpoint's named checks, rendered as the Kubernetes API server renders
 * {@code /healthz}, {@code /livez} and {@code /readyz}: {@code ok} when all pass, otherwise one
 * line per check and {@code <endpoint> check failed}; {@code ?verbose} lists every check.
 */
final class HealthReport {

    private final String endpoint;
    /** Check name → failure reason, or {@code null} when it passed; in check order. */
    private final Map<String, String> results = new LinkedHashMap<>();

    HealthReport(String endpoint) {
        this.endpoint = endpoint;
    }

    HealthReport check(String name, String failureOrNull) {
        results.put(name, failureOrNull);
        return this;
    }

    boolean healthy() {
        return results.values().stream().allMatch(r -> r == null);
    }

    String render(boolean verbose) {
        if (healthy() && !verbose) {
            return "ok";
        }
        StringBuilder out = new StringBuilder();
        results.forEach((name, failure) -> {
            if (failure == null) {
                out.append("[+]").append(name).append(" ok\n");
            } else {
                out.append("[-]").append(name).append(" failed: ").append(failure).append('\n');
            }
        });
        out.append(endpoint).append(healthy() ? " check passed" : " check failed");
        return out.toString();
    }
}
