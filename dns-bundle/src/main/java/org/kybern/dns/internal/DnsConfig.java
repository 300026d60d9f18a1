package org.kybern.dns.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@code org.kybern.dns}) of the cluster DNS server. */
@ObjectClassDefinition(name = "Kybern cluster DNS",
        description = "Answers <svc>.<ns>.svc.<domain> names from the API's Services and EndpointSlices, forwards "
                + "other names upstream, and keeps the kube-dns Service pointing at itself.")
public @interface DnsConfig {

    @AttributeDefinition(name = "Cluster domain", description = "The zone this server is authoritative for.")
    String clusterDomain() default "cluster.local";

    @AttributeDefinition(name = "Service IP",
            description = "The kube-dns Service's ClusterIP: the nameserver the kubelet writes into pods' resolv.conf.")
    String serviceIP() default "10.96.0.10";

    @AttributeDefinition(name = "Listen address",
            description = "Where the server listens (UDP and TCP); kube-dns's EndpointSlice points here.")
    String listenAddress() default "169.254.20.10";

    @AttributeDefinition(name = "Port", description = "The port the server listens on (UDP and TCP).")
    int port() default 53;

    @AttributeDefinition(name = "Add listen address",
            description = "Add <listen address>/32 to the loopback device lo when it is not there (and remove it "
                    + "again on stop, only if this server added it).")
    boolean addListenAddress() default true;

    @AttributeDefinition(name = "Upstream",
            description = "Servers for names outside the cluster domain, each ip[:port]. Empty: the host's "
                    + "resolvers from /etc/resolv.conf.")
    String[] upstream() default {};

    @AttributeDefinition(name = "Upstream timeout", description = "How long a forwarded query may take, in ms.")
    int upstreamTimeoutMillis() default 2000;

    @AttributeDefinition(name = "TTL", description = "Time to live of the cluster's records, in seconds.")
    int ttl() default 30;

    @AttributeDefinition(name = "Node name",
            description = "Names the kube-dns EndpointSlice this server keeps: kube-dns-<node name>. Empty: "
                    + "kube-dns-kybern.")
    String nodeName() default "";
}
