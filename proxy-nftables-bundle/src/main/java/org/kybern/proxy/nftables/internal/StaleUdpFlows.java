package org.kybern.proxy.nftables.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kybern.api.proxy.ProxyException;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the UDP flows the programmed table would not send where they should go now. The kernel
 * translates only a flow's first packet and every later one follows the conntrack entry made then, and
 * a UDP "flow" is just a source port reused (a resolver picks one at random per query; a few hundred
 * queries reuse one within UDP's 120 s), so, as kube-proxy does:
 * <ul>
 * <li>when the table first programs a UDP ClusterIP, its flows that were not translated (their answers
 * came from the ClusterIP itself: under the userspace backend it was a local address) are ended -
 * followed later, untranslated, to an address no longer local, they would be lost;</li>
 * <li>when an endpoint leaves a UDP service port, the flows translated to it are ended, so their
 * clients move to an endpoint that is still there.</li>
 * </ul>
 * Not thread-safe: the backend calls it from its synchronized sync.
 */
final class StaleUdpFlows {

    private static final Logger LOG = LoggerFactory.getLogger(StaleUdpFlows.class);

    private final ConntrackCommand conntrack;
    /** Per UDP ClusterIP programmed since the backend took over: the endpoint IPs of its ports. */
    private final Map<String, Set<String>> programmed = new HashMap<>();
    private boolean failureReported;

    StaleUdpFlows(ConntrackCommand conntrack) {
        this.conntrack = conntrack;
    }

    /** After {@code state} is programmed: ends what would go astray under it. */
    void afterSync(ProxyState state) {
        Map<String, Set<String>> now = new HashMap<>();
        for (ServicePort port : state.servicePorts()) {
            if (port.protocol().equals("UDP")) {
                Set<String> ips = now.computeIfAbsent(port.clusterIP(), ip -> new TreeSet<>());
                port.endpoints().forEach(endpoint -> ips.add(endpoint.ip()));
            }
        }
        try {
            for (Map.Entry<String, Set<String>> entry : now.entrySet()) {
                String clusterIP = entry.getKey();
                Set<String> before = programmed.get(clusterIP);
                if (before == null) {
                    report(conntrack.deleteUdp(clusterIP, clusterIP), clusterIP, "not translated");
                } else {
                    Set<String> gone = new HashSet<>(before);
                    gone.removeAll(entry.getValue());
                    for (String endpoint : gone) {
                        report(conntrack.deleteUdp(clusterIP, endpoint), clusterIP, "to removed endpoint " + endpoint);
                    }
                }
                programmed.put(clusterIP, entry.getValue());
            }
            programmed.keySet().retainAll(now.keySet());
        } catch (ProxyException e) {
            // Tried again at the next sync: what failed was not recorded as done.
            if (!failureReported) {
                failureReported = true;
                LOG.warn("Stale UDP flows to ClusterIPs are not ended, so some UDP clients (pods' DNS queries after "
                        + "a switch from the userspace backend, clients of a removed endpoint) may time out: {}",
                        e.getMessage());
            }
        }
    }

    /** Forgets what was programmed: the backend's table is gone. */
    void reset() {
        programmed.clear();
    }

    private static void report(int ended, String clusterIP, String which) {
        if (ended > 0) {
            LOG.info("Ended {} UDP flows to {} {}", ended, clusterIP, which);
        }
    }
}
