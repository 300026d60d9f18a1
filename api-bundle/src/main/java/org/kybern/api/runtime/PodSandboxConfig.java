package org.kybern.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a pod sandbox needs: identity, hostname, DNS and published ports.
 *
 * @param name        the pod's name
 * @param namespace   the pod's namespace
 * @param uid         the pod's UID
 * @param attempt     how many sandboxes were created for this pod before (0 for the first)
 * @param hostname    the hostname inside the pod
 * @param labels      labels to put on the sandbox (include {@link RuntimeLabels})
 * @param dnsServers  nameservers for the pod's resolv.conf (empty: the runtime's default)
 * @param dnsSearches search domains for the pod's resolv.conf
 * @param dnsOptions  resolver options for the pod's resolv.conf ({@code ndots:5})
 * @param ports       host ports to publish
 */
public record PodSandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
        Map<String, String> labels, List<String> dnsServers, List<String> dnsSearches, List<String> dnsOptions,
        List<PortMapping> ports) {

    public PodSandboxConfig {
        labels = Map.copyOf(labels);
        dnsServers = List.copyOf(dnsServers);
        dnsSearches = List.copyOf(dnsSearches);
        dnsOptions = List.copyOf(dnsOptions);
        ports = List.copyOf(ports);
    }

    /** Without resolver options (the 1.0 form). */
    public PodSandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
            Map<String, String> labels, List<String> dnsServers, List<String> dnsSearches, List<PortMapping> ports) {
        this(name, namespace, uid, attempt, hostname, labels, dnsServers, dnsSearches, List.of(), ports);
    }

    /**
     * A port of the pod published on the host.
     *
     * @param protocol      {@code TCP}, {@code UDP} or {@code SCTP}
     * @param containerPort the port inside the pod
     * @param hostPort      the port on the host
     * @param hostIp        the host address to bind ({@code null}: all)
     */
    public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {
    }
}
