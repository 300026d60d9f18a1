package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's DNS as Kubernetes' kubelet makes it, from its {@code dnsPolicy} and {@code dnsConfig}: the
 * nameservers, search domains and options of its resolv.conf.
 * <ul>
 *   <li>{@code ClusterFirst} (the default): the cluster DNS, searching {@code <namespace>.svc.<domain>},
 *       {@code svc.<domain>}, {@code <domain>} and then the node's search domains, with {@code ndots:5};
 *       the node's resolv.conf when no cluster DNS is configured or the pod uses the host's network
 *       (where {@code ClusterFirstWithHostNet} keeps the cluster DNS);</li>
 *   <li>{@code Default}: the node's resolv.conf (loopback nameservers left out: they mean nothing inside
 *       the pod's network);</li>
 *   <li>{@code None}: only what {@code dnsConfig} says.</li>
 * </ul>
 * {@code dnsConfig} adds nameservers and searches (without repeats) and sets options by name. At most 3
 * nameservers and 32 search domains are kept, as Kubernetes does.
 *
 * @param clusterDns    the cluster DNS servers (the kube-dns Service's ClusterIP)
 * @param clusterDomain the cluster domain ({@code cluster.local})
 * @param host          the node's resolv.conf
 */
record PodDns(List<String> clusterDns, String clusterDomain, HostResolvConf host) {

    static final int MAX_SERVERS = 3;
    static final int MAX_SEARCHES = 32;

    /** What goes into a resolv.conf; empty lists leave the runtime's default. */
    record Settings(List<String> servers, List<String> searches, List<String> options) {
    }

    /** The node's resolv.conf. */
    record HostResolvConf(List<String> servers, List<String> searches, List<String> options) {

        static final HostResolvConf EMPTY = new HostResolvConf(List.of(), List.of(), List.of());

        /** The file's settings; none when it cannot be read. */
        static HostResolvConf read(Path file) {
            try {
                return parse(Files.readString(file));
            } catch (IOException e) {
                return EMPTY;
            }
        }

        static HostResolvConf parse(String text) {
            List<String> servers = new ArrayList<>();
            List<String> searches = new ArrayList<>();
            List<String> options = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
                    continue;
                }
                List<String> values = List.of(words).subList(1, words.length);
                switch (words[0]) {
                    case "nameserver" -> servers.add(values.get(0));
                    case "search", "domain" -> {
                        searches.clear();
                        searches.addAll(values);
                    }
                    case "options" -> options.addAll(values);
                    default -> {
                    }
                }
            }
            return new HostResolvConf(servers, searches, options);
        }
    }

    Settings forPod(Pod pod) {
        String policy = pod.getSpec().getDnsPolicy() == null || pod.getSpec().getDnsPolicy().isEmpty() ? "ClusterFirst"
                : pod.getSpec().getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        Settings base = switch (policy) {
            case "None" -> new Settings(List.of(), List.of(), List.of());
            case "Default" -> node();
            case "ClusterFirstWithHostNet" -> clusterDns.isEmpty() ? node() : cluster(pod);
            default -> clusterDns.isEmpty() || hostNetwork ? node() : cluster(pod);
        };
        return merge(base, pod.getSpec().getDnsConfig());
    }

    private Settings node() {
        List<String> servers = host.servers().stream().filter(s -> !s.startsWith("127.") && !s.equals("::1")).toList();
        return new Settings(servers, host.searches(), host.options());
    }

    private Settings cluster(Pod pod) {
        List<String> searches = new ArrayList<>(List.of(pod.getMetadata().getNamespace() + ".svc." + clusterDomain,
                "svc." + clusterDomain, clusterDomain));
        searches.addAll(host.searches());
        return new Settings(clusterDns, searches, List.of("ndots:5"));
    }

    private static Settings merge(Settings base, PodDNSConfig config) {
        LinkedHashSet<String> servers = new LinkedHashSet<>(base.servers());
        LinkedHashSet<String> searches = new LinkedHashSet<>(base.searches());
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : base.options()) {
            int colon = option.indexOf(':');
            options.put(colon < 0 ? option : option.substring(0, colon), colon < 0 ? null : option.substring(colon + 1));
        }
        if (config != null) {
            if (config.getNameservers() != null) {
                servers.addAll(config.getNameservers());
            }
            if (config.getSearches() != null) {
                searches.addAll(config.getSearches());
            }
            if (config.getOptions() != null) {
                for (PodDNSConfigOption option : config.getOptions()) {
                    options.put(option.getName(), option.getValue());
                }
            }
        }
        List<String> optionList = new ArrayList<>();
        options.forEach((name, value) -> optionList.add(value == null ? name : name + ":" + value));
        return new Settings(servers.stream().limit(MAX_SERVERS).toList(), searches.stream().limit(MAX_SEARCHES).toList(),
                optionList);
    }
}
