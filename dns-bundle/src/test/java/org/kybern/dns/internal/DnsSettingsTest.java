package org.kybern.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The DNS configuration as the server reads it. */
class DnsSettingsTest {

    /** The configuration with its defaults, except the upstream servers and cluster domain given. */
    static DnsConfig config(String domain, String... upstream) {
        return new DnsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DnsConfig.class;
            }

            @Override
            public String clusterDomain() {
                return domain;
            }

            @Override
            public String serviceIP() {
                return "10.96.0.10";
            }

            @Override
            public String listenAddress() {
                return "169.254.20.10";
            }

            @Override
            public int port() {
                return 53;
            }

            @Override
            public boolean addListenAddress() {
                return true;
            }

            @Override
            public String[] upstream() {
                return upstream;
            }

            @Override
            public int upstreamTimeoutMillis() {
                return 2000;
            }

            @Override
            public int ttl() {
                return 30;
            }

            @Override
            public String nodeName() {
                return "";
            }
        };
    }

    @Test
    void defaults() {
        DnsSettings settings = DnsSettings.of(config("cluster.local"), () -> List.of(new InetSocketAddress("192.0.2.1", 53)));
        assertEquals(Name.fromConstantString("cluster.local."), settings.zone());
        assertEquals("10.96.0.10", settings.serviceIp());
        assertEquals(new InetSocketAddress("169.254.20.10", 53), settings.listen());
        assertEquals(List.of(new InetSocketAddress("192.0.2.1", 53)), settings.upstream(), "the host's resolvers");
        assertEquals(Duration.ofSeconds(2), settings.upstreamTimeout());
        assertEquals("kybern", settings.nodeName());
    }

    @Test
    void configuredUpstreamServersOverrideTheHostsWithOptionalPorts() {
        DnsSettings settings = DnsSettings.of(config("cluster.local", "127.0.0.1:5353", " 192.0.2.2 ", "[::1]:54"),
                () -> List.of(new InetSocketAddress("192.0.2.1", 53)));
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("192.0.2.2", 53),
                new InetSocketAddress("::1", 54)), settings.upstream());
    }

    @Test
    void theHostsResolversLeaveOutTheClusterDnsItself() {
        DnsSettings settings = DnsSettings.of(config("cluster.local"), () -> List.of(
                new InetSocketAddress("10.96.0.10", 53), new InetSocketAddress("169.254.20.10", 53),
                new InetSocketAddress("192.0.2.1", 53)));
        assertEquals(List.of(new InetSocketAddress("192.0.2.1", 53)), settings.upstream(),
                "a pod-style resolv.conf on the host would make the server ask itself");
    }

    @Test
    void badValuesAreRejectedByName() {
        assertEquals("upstream is not an IP address: dns.example.com",
                assertThrows(IllegalArgumentException.class, () -> DnsSettings.of(config("cluster.local",
                        "dns.example.com"), List::of)).getMessage(), "a host name would need DNS to resolve");
        assertEquals("upstream is not an IP address: 300.1.1.1",
                assertThrows(IllegalArgumentException.class, () -> DnsSettings.of(config("cluster.local",
                        "300.1.1.1"), List::of)).getMessage());
        assertEquals("upstream server with a bad port: 127.0.0.1:0",
                assertThrows(IllegalArgumentException.class, () -> DnsSettings.of(config("cluster.local",
                        "127.0.0.1:0"), List::of)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsSettings.of(config("bad..domain"), List::of));
    }
}
