package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A pod's resolv.conf from its dnsPolicy and dnsConfig, as Kubernetes' kubelet writes it. */
class PodDnsTest {

    private static final PodDns.HostResolvConf HOST = PodDns.HostResolvConf.parse("""
            # written by the host
            nameserver 127.0.0.53
            nameserver 192.168.1.1
            search corp.example
            options edns0 trust-ad
            """);
    private static final PodDns DNS = new PodDns(List.of("10.96.0.10"), "cluster.local", HOST);
    private static final List<String> CLUSTER_SEARCH = List.of("shop.svc.cluster.local", "svc.cluster.local",
            "cluster.local", "corp.example");

    private static PodBuilder pod(String policy) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata().withNewSpec()
                .withDnsPolicy(policy).endSpec();
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("no policy is ClusterFirst", pod(null).build(), DNS,
                        new PodDns.Settings(List.of("10.96.0.10"), CLUSTER_SEARCH, List.of("ndots:5"))),
                Arguments.of("ClusterFirst", pod("ClusterFirst").build(), DNS,
                        new PodDns.Settings(List.of("10.96.0.10"), CLUSTER_SEARCH, List.of("ndots:5"))),
                Arguments.of("Default: the node's, without loopback servers", pod("Default").build(), DNS,
                        new PodDns.Settings(List.of("192.168.1.1"), List.of("corp.example"), List.of("edns0", "trust-ad"))),
                Arguments.of("ClusterFirst on the host's network is Default", pod("ClusterFirst").editSpec()
                        .withHostNetwork(true).endSpec().build(), DNS,
                        new PodDns.Settings(List.of("192.168.1.1"), List.of("corp.example"), List.of("edns0", "trust-ad"))),
                Arguments.of("ClusterFirstWithHostNet keeps the cluster DNS", pod("ClusterFirstWithHostNet").editSpec()
                        .withHostNetwork(true).endSpec().build(), DNS,
                        new PodDns.Settings(List.of("10.96.0.10"), CLUSTER_SEARCH, List.of("ndots:5"))),
                Arguments.of("no cluster DNS configured: the node's", pod("ClusterFirst").build(),
                        new PodDns(List.of(), "cluster.local", HOST),
                        new PodDns.Settings(List.of("192.168.1.1"), List.of("corp.example"), List.of("edns0", "trust-ad"))),
                Arguments.of("None: only dnsConfig", pod("None").editSpec().withDnsConfig(new PodDNSConfigBuilder()
                        .withNameservers("1.2.3.4").withSearches("my.dns.search.suffix").addNewOption().withName("ndots")
                        .withValue("2").endOption().build()).endSpec().build(), DNS,
                        new PodDns.Settings(List.of("1.2.3.4"), List.of("my.dns.search.suffix"), List.of("ndots:2"))),
                Arguments.of("dnsConfig adds servers and searches and overrides options", pod("ClusterFirst").editSpec()
                        .withDnsConfig(new PodDNSConfigBuilder().withNameservers("10.96.0.10", "1.2.3.4")
                                .withSearches("cluster.local", "extra.example").addNewOption().withName("ndots")
                                .withValue("1").endOption().addNewOption().withName("edns0").endOption().build())
                        .endSpec().build(), DNS,
                        new PodDns.Settings(List.of("10.96.0.10", "1.2.3.4"), List.of("shop.svc.cluster.local",
                                "svc.cluster.local", "cluster.local", "corp.example", "extra.example"),
                                List.of("ndots:1", "edns0"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void resolvConfFollowsThePolicy(String name, Pod pod, PodDns dns, PodDns.Settings expected) {
        assertEquals(expected, dns.forPod(pod));
    }

    @Test
    void atMostThreeServersAndThirtyTwoSearchesAreKept() {
        Pod pod = pod("None").editSpec().withDnsConfig(new PodDNSConfigBuilder()
                .withNameservers("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4")
                .withSearches(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "d" + i + ".example").toList())
                .build()).endSpec().build();
        PodDns.Settings settings = DNS.forPod(pod);
        assertEquals(List.of("1.1.1.1", "2.2.2.2", "3.3.3.3"), settings.servers());
        assertEquals(PodDns.MAX_SEARCHES, settings.searches().size());
    }

    @Test
    void theNodesResolvConfIsReadAsTheResolverReadsIt() {
        PodDns.HostResolvConf conf = PodDns.HostResolvConf.parse("""
                domain old.example
                search a.example b.example
                ; a comment
                nameserver 10.0.0.2
                options ndots:2 timeout:1
                """);
        assertEquals(List.of("10.0.0.2"), conf.servers());
        assertEquals(List.of("a.example", "b.example"), conf.searches(), "the last search or domain line wins");
        assertEquals(List.of("ndots:2", "timeout:1"), conf.options());
    }
}
