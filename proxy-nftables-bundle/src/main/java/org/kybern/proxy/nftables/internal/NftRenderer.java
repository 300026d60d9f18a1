package org.kybern.proxy.nftables.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;
import org.kybern.api.proxy.ServicePort.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ProxyState} into one nft script that replaces the backend's {@code ip} table whole
 * in a single transaction ({@code add table} + {@code delete table} + the new table).
 *
 * <p>The shape follows kube-proxy's nftables mode: verdict maps keyed by
 * {@code address . protocol . port} send a new connection to its service chain, which picks an
 * endpoint chain with {@code numgen random} (or the one a ClientIP-affinity set remembers); the
 * endpoint chain DNATs. The rule count does not grow with the number of services, only the maps and
 * the per-service chains do. docs/proxy-nftables.md explains the ruleset.
 */
final class NftRenderer {

    /** The packet mark bit asking the postrouting chain to masquerade (kube-proxy's value). */
    static final int MASQUERADE_MARK = 0x4000;

    private static final Logger LOG = LoggerFactory.getLogger(NftRenderer.class);
    private static final String REJECT = "goto reject-packet";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    /** The chains that are the same for every state: hooks, masquerading and rejecting. */
    private static final String FIXED_CHAINS = """
            	chain nat-prerouting {
            		type nat hook prerouting priority dstnat; policy accept;
            		jump services
            	}
            	chain nat-output {
            		type nat hook output priority -100; policy accept;
            		jump services
            	}
            	chain nat-postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		ip saddr 127.0.0.0/8 ct status dnat oifname != "lo" masquerade
            		meta mark & MARK == 0 return
            		meta mark set meta mark ^ MARK
            		masquerade fully-random
            	}
            	chain filter-input {
            		type filter hook input priority filter - 10; policy accept;
            		ct state new jump reject-check
            	}
            	chain filter-output {
            		type filter hook output priority filter - 10; policy accept;
            		ct state new jump reject-check
            	}
            	chain filter-forward {
            		type filter hook forward priority filter - 10; policy accept;
            		ct state new jump reject-check
            		ct state new ct status dnat fib daddr . iif oif exists meta mark set meta mark | MARK
            	}
            	chain reject-check {
            		ip daddr . meta l4proto . th dport vmap @no-endpoint-services
            		ip daddr @node-addresses meta l4proto . th dport vmap @no-endpoint-nodeports
            		ip daddr @cluster-ips goto reject-packet
            	}
            	chain reject-packet {
            		meta l4proto tcp reject with tcp reset
            		reject
            	}
            	chain services {
            		ip daddr . meta l4proto . th dport vmap @service-ips
            		ip daddr @node-addresses meta l4proto . th dport vmap @service-nodeports
            	}
            """.replace("MARK", String.format("0x%x", MASQUERADE_MARK));

    private final String table;

    NftRenderer(String table) {
        if (!NftNames.isIdentifier(table)) {
            throw new IllegalArgumentException("not an nftables table name: " + table);
        }
        this.table = table;
    }

    /** The table this renderer writes. */
    String table() {
        return table;
    }

    /** A script removing the table, which succeeds whether or not the table exists. */
    String deleteScript() {
        return "add table ip " + table + "\ndelete table ip " + table + "\n";
    }

    /**
     * The script making {@code state} the table's whole content. A service port, endpoint or node
     * address that is no IPv4 address, protocol or port is left out with a warning, so that one bad
     * Service neither breaks the others nor puts unchecked text into the script.
     */
    String render(ProxyState state) {
        return render(state, Map.of());
    }

    /**
     * The script making {@code state} the table's whole content, with the client addresses
     * {@code affinity} remembers (elements by affinity set name, as nft lists them) kept in the
     * affinity sets that are still there.
     */
    String render(ProxyState state, Map<String, String> affinity) {
        Map<String, String> clusterIps = new LinkedHashMap<>();
        Map<String, String> nodePorts = new LinkedHashMap<>();
        StringBuilder sets = new StringBuilder();
        StringBuilder chains = new StringBuilder();
        for (ServicePort given : state.servicePorts()) {
            ServicePort port = checked(given);
            if (port == null) {
                continue;
            }
            String protocol = port.protocol().toLowerCase(Locale.ROOT);
            String target = port.endpoints().isEmpty() ? REJECT : "goto " + NftNames.serviceChain(port);
            // the first service port wins an address or NodePort clash; nft would refuse the duplicate
            clusterIps.putIfAbsent(port.clusterIP() + " . " + protocol + " . " + port.port(), target);
            if (port.nodePort() != 0) {
                nodePorts.putIfAbsent(protocol + " . " + port.nodePort(), target);
            }
            if (!port.endpoints().isEmpty()) {
                renderService(port, protocol, affinity, sets, chains);
            }
        }
        List<String> nodeAddresses = state.nodeAddresses().stream().filter(address -> valid(
                isAddress(address), "node address " + address)).distinct().toList();
        StringBuilder script = new StringBuilder(deleteScript()).append("table ip ").append(table).append(" {\n");
        block(script, "set node-addresses", List.of("type ipv4_addr"), nodeAddresses);
        block(script, "set cluster-ips", List.of("type ipv4_addr"), clusterIps.keySet().stream()
                .map(key -> key.substring(0, key.indexOf(' '))).distinct().toList());
        String ipKey = "type ipv4_addr . inet_proto . inet_service : verdict";
        String portKey = "type inet_proto . inet_service : verdict";
        block(script, "map service-ips", List.of(ipKey), elements(clusterIps, false));
        block(script, "map service-nodeports", List.of(portKey), elements(nodePorts, false));
        block(script, "map no-endpoint-services", List.of(ipKey), elements(clusterIps, true));
        block(script, "map no-endpoint-nodeports", List.of(portKey), elements(nodePorts, true));
        return script.append(sets).append(FIXED_CHAINS).append(chains).append("}\n").toString();
    }

    /**
     * The service port's chain. Without affinity it DNATs itself, picking the endpoint with
     * {@code numgen} from an anonymous map: no chain per endpoint, which keeps large tables fast for
     * nft (its time grows faster than linearly with the number of chains). With affinity each
     * endpoint needs a chain of its own that records the client in the endpoint's set.
     */
    private static void renderService(ServicePort port, String protocol, Map<String, String> affinity,
            StringBuilder sets, StringBuilder chains) {
        List<Endpoint> endpoints = port.endpoints();
        String dnat = "meta l4proto " + protocol + " dnat to ";
        if (!port.clientIpAffinity()) {
            List<String> byNumber = IntStream.range(0, endpoints.size())
                    .mapToObj(i -> i + " : " + endpoints.get(i).ip() + " . " + endpoints.get(i).port()).toList();
            block(chains, "chain " + NftNames.serviceChain(port), List.of(endpoints.size() == 1
                    ? dnat + endpoints.get(0) : dnat + numgen(byNumber, "map")), List.of());
            return;
        }
        List<String> choose = new ArrayList<>();
        List<String> byNumber = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            String chain = NftNames.endpointChain(port, endpoint);
            String set = NftNames.affinitySet(port, endpoint);
            block(sets, "set " + set, List.of("type ipv4_addr", "flags dynamic,timeout",
                    "timeout " + port.affinityTimeoutSeconds() + "s"),
                    affinity.containsKey(set) ? List.of(affinity.get(set)) : List.of());
            choose.add("ip saddr @" + set + " goto " + chain);
            byNumber.add(i + " : goto " + chain);
            block(chains, "chain " + chain, List.of("update @" + set + " { ip saddr }", dnat + endpoint), List.of());
        }
        choose.add(endpoints.size() == 1 ? "goto " + NftNames.endpointChain(port, endpoints.get(0))
                : numgen(byNumber, "vmap"));
        block(chains, "chain " + NftNames.serviceChain(port), choose, List.of());
    }

    /** {@code numgen random mod N map|vmap { 0 : ..., 1 : ... }}: one of the values, evenly. */
    private static String numgen(List<String> byNumber, String map) {
        return "numgen random mod " + byNumber.size() + " " + map + " { " + String.join(", ", byNumber) + " }";
    }

    /** The map elements whose verdict is a reject ({@code rejects}) or a service chain. */
    private static List<String> elements(Map<String, String> map, boolean rejects) {
        return map.entrySet().stream().filter(e -> e.getValue().equals(REJECT) == rejects)
                .map(e -> e.getKey() + " : " + e.getValue()).toList();
    }

    /** {@code header { lines; elements = { ... } }} at the table's indentation. */
    private static void block(StringBuilder out, String header, List<String> lines, List<String> elements) {
        out.append('\t').append(header).append(" {\n");
        lines.forEach(line -> out.append("\t\t").append(line).append('\n'));
        if (!elements.isEmpty()) {
            out.append("\t\telements = {\n\t\t\t").append(String.join(",\n\t\t\t", elements)).append("\n\t\t}\n");
        }
        out.append("\t}\n");
    }

    /**
     * {@code port} with only its well-formed endpoints, or {@code null} (with a warning) when its
     * protocol, ClusterIP or ports are not.
     */
    private static ServicePort checked(ServicePort port) {
        String protocol = port.protocol() == null ? "" : port.protocol().toLowerCase(Locale.ROOT);
        if (!valid(PROTOCOLS.contains(protocol) && isAddress(port.clusterIP()) && isPort(port.port())
                && (port.nodePort() == 0 || isPort(port.nodePort())) && port.affinityTimeoutSeconds() >= 0,
                port.key() + " (" + port.protocol() + " " + port.clusterIP() + ":" + port.port() + ", NodePort "
                        + port.nodePort() + ")")) {
            return null;
        }
        List<Endpoint> endpoints = port.endpoints().stream().filter(endpoint -> valid(
                isAddress(endpoint.ip()) && isPort(endpoint.port()), port.key() + " endpoint " + endpoint)).toList();
        return new ServicePort(port.namespace(), port.service(), port.portName(), port.protocol(), port.clusterIP(),
                port.port(), port.nodePort(), port.affinityTimeoutSeconds(), endpoints);
    }

    private static boolean valid(boolean valid, String what) {
        if (!valid) {
            LOG.warn("Not programming {}: not an IPv4 address, protocol (TCP, UDP, SCTP) or port", what);
        }
        return valid;
    }

    /** Shaped as an IPv4 address; nft itself refuses an octet over 255. */
    private static boolean isAddress(String ip) {
        return ip != null && IPV4.matcher(ip).matches();
    }

    private static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }
}
