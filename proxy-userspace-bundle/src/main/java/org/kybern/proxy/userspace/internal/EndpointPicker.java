package org.kybern.proxy.userspace.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * Chooses the endpoint of one service port for each new connection: round robin, or with
 * {@code sessionAffinity: ClientIP} the endpoint a client IP used last, as long as it used it within the
 * affinity timeout (as Kubernetes' userspace proxy, the timeout runs from the last use).
 */
final class EndpointPicker {

    private record Sticky(Endpoint endpoint, long lastUsedNanos) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, Sticky> affinity = new HashMap<>();
    private List<Endpoint> endpoints = List.of();
    private long affinityNanos;
    private int next;

    EndpointPicker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes the service port's current endpoints and affinity timeout (0: none); for new picks only. */
    void update(List<Endpoint> newEndpoints, int affinityTimeoutSeconds) {
        endpoints = List.copyOf(newEndpoints);
        affinityNanos = TimeUnit.SECONDS.toNanos(affinityTimeoutSeconds);
        next = endpoints.isEmpty() ? 0 : next % endpoints.size();
        long now = nanoClock.getAsLong();
        affinity.values().removeIf(sticky -> affinityNanos == 0 || expired(sticky, now)
                || !endpoints.contains(sticky.endpoint));
    }

    /** Whether {@code endpoint} is (still) one of the service port's endpoints. */
    boolean contains(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    /** Whether the service port has no endpoints (connections are refused). */
    boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /**
     * The endpoint for a new connection of {@code clientIp}, never one of {@code excluded} (those already
     * tried for this connection), or empty when every endpoint is excluded.
     */
    Optional<Endpoint> pick(String clientIp, Set<Endpoint> excluded) {
        long now = nanoClock.getAsLong();
        if (affinityNanos > 0) {
            Sticky sticky = affinity.get(clientIp);
            if (sticky != null && !expired(sticky, now) && endpoints.contains(sticky.endpoint)
                    && !excluded.contains(sticky.endpoint)) {
                affinity.put(clientIp, new Sticky(sticky.endpoint, now));
                return Optional.of(sticky.endpoint);
            }
        }
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (next + i) % endpoints.size();
            Endpoint candidate = endpoints.get(index);
            if (!excluded.contains(candidate)) {
                next = (index + 1) % endpoints.size();
                if (affinityNanos > 0) {
                    affinity.put(clientIp, new Sticky(candidate, now));
                }
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private boolean expired(Sticky sticky, long now) {
        return now - sticky.lastUsedNanos > affinityNanos;
    }
}
