package org.kybern.dns.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The DNS server's checked configuration: {@link DnsConfig} parsed into addresses and names.
 *
 * @param zone              the cluster domain as an absolute name ({@code cluster.local.})
 * @param serviceIp         the kube-dns Service's ClusterIP
 * @param listen            where the server listens
 * @param addListenAddress  whether the listen address is added to {@code lo}
 * @param upstream          the servers names outside the zone go to (never the server itself)
 * @param upstreamTimeout   how long a forwarded query may take
 * @param ttl               the TTL of the cluster's records, in seconds
 * @param nodeName          names the kube-dns EndpointSlice ({@code kube-dns-<nodeName>})
 */
record DnsSettings(Name zone, String serviceIp, InetSocketAddress listen, boolean addListenAddress,
        List<InetSocketAddress> upstream, Duration upstreamTimeout, long ttl, String nodeName) {

    static final int DNS_PORT = 53;

    /**
     * The settings of {@code config}; without configured upstream servers, those {@code hostResolvers}
     * gives (the host's resolv.conf), less the cluster DNS's own addresses, which would loop.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static DnsSettings of(DnsConfig config, Supplier<List<InetSocketAddress>> hostResolvers) {
        Name zone;
        try {
            zone = Name.fromString(config.clusterDomain().strip(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("clusterDomain is not a domain name: " + config.clusterDomain(), e);
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("port out of range: " + config.port());
        }
        if (config.ttl() < 0) {
            throw new IllegalArgumentException("ttl may not be negative: " + config.ttl());
        }
        if (config.upstreamTimeoutMillis() <= 0) {
            throw new IllegalArgumentException("upstreamTimeoutMillis must be positive: " + config.upstreamTimeoutMillis());
        }
        InetAddress listenAddress = ip(config.listenAddress(), "listenAddress");
        String serviceIp = ip(config.serviceIP(), "serviceIP").getHostAddress();
        List<InetSocketAddress> upstream = new ArrayList<>();
        if (config.upstream().length > 0) {
            for (String server : config.upstream()) {
                upstream.add(server(server.strip()));
            }
        } else {
            for (InetSocketAddress server : hostResolvers.get()) {
                String host = server.getAddress().getHostAddress();
                if (!host.equals(serviceIp) && !server.equals(new InetSocketAddress(listenAddress, config.port()))) {
                    upstream.add(server);
                }
            }
        }
        String node = config.nodeName().strip();
        return new DnsSettings(zone, serviceIp, new InetSocketAddress(listenAddress, config.port()),
                config.addListenAddress(), List.copyOf(upstream), Duration.ofMillis(config.upstreamTimeoutMillis()),
                config.ttl(), node.isEmpty() ? "kybern" : node);
    }

    /** An {@code ip[:port]} ({@code [ipv6]:port} for IPv6); port 53 when left out. */
    static InetSocketAddress server(String text) {
        String host = text;
        int port = DNS_PORT;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("upstream server without ']': " + text);
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                port = port(text.substring(close + 1), text);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text.substring(text.indexOf(':')), text);
        }
        return new InetSocketAddress(ip(host, "upstream"), port);
    }

    private static int port(String colonPort, String text) {
        try {
            int port = colonPort.startsWith(":") ? Integer.parseInt(colonPort.substring(1)) : -1;
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("upstream server with a bad port: " + text);
    }

    /** A literal IP address (never a host name: resolving one would need DNS). */
    private static InetAddress ip(String text, String setting) {
        String ip = text.strip();
        boolean literal = ip.contains(":") ? ip.matches("[0-9a-fA-F:.]+") : ClusterRecords.ipv4(ip) != null;
        if (!literal) {
            throw new IllegalArgumentException(setting + " is not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + " is not an IP address: " + text, e);
        }
    }
}
