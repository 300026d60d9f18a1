package org.kybern.api.proxy;

import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes the proxy's desired state true on this node: connections to a service port's
 * {@code clusterIP:port} (from the host and from pods) and to {@code nodeAddress:nodePort} reach one
 * of its ready endpoints.
 *
 * <p>Registered as an OSGi service with the property {@value #MODE} naming the backend
 * ({@code nftables}, {@code userspace}). The proxy core calls one backend at a time, from one thread:
 * {@link #sync} first, then {@link #update} for each change, and {@link #cleanUp} when it switches
 * away from the backend or stops. A backend switch is make-before-break: the new backend is synced
 * before the old one is cleaned up, so for a moment both are programmed.
 *
 * <p>A service port whose {@link ServicePort#endpoints()} is empty is refused (a connection to it
 * fails at once, as with Kubernetes' kube-proxy), never black-holed.
 */
@ConsumerType
public interface ProxyBackend {

    /** Service property: the backend's mode name, as in the proxy configuration's {@code mode}. */
    String MODE = "kybern.proxy.mode";

    /**
     * Why this backend cannot run on this machine (for example "nft is not installed"), or
     * {@code null} when it can. The core never activates a backend that gives a reason.
     */
    default String unusableReason() {
        return null;
    }

    /**
     * Makes {@code state} the whole truth: programs every service port in it and removes whatever
     * this backend programmed before that is not in it. Atomic where the mechanism allows (nftables:
     * one transaction).
     *
     * @throws ProxyException if the state could not be applied; the core retries with back-off
     */
    void sync(ProxyState state) throws ProxyException;

    /**
     * Applies a change: {@code state} is the whole new desired state and {@code changed} the keys
     * ({@link ServicePort#key()}) of the service ports that were added, changed or removed since
     * the last {@code sync} or {@code update}. A backend may re-apply everything.
     */
    default void update(ProxyState state, Set<String> changed) throws ProxyException {
        sync(state);
    }

    /**
     * Removes everything this backend programmed (rules, listeners, local addresses). Connections
     * already established through it may finish; it returns once nothing of it is left, bounded
     * by a few seconds. Safe to call when nothing is programmed.
     */
    void cleanUp();

    /**
     * What the backend can tell about each service port for the console, keyed by
     * {@link ServicePort#key()}: for example open connections through a userspace relay.
     * Empty when it has nothing to tell.
     */
    default Map<String, String> describe() {
        return Map.of();
    }
}
