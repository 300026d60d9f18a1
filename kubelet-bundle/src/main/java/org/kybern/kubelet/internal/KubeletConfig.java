package org.kybern.kubelet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Kybern kubelet",
        description = "One node agent per factory configuration org.kybern.kubelet~<name>: registers its Node, "
                + "runs the pods bound to it on a container runtime and reports their status.")
public @interface KubeletConfig {

    @AttributeDefinition(name = "Node name",
            description = "The Node this kubelet registers and whose pods it runs. Empty: this machine's host name, "
                    + "lower case.")
    String nodeName() default "";

    @AttributeDefinition(name = "User",
            description = "Whose token the kubelet talks to the API server with (a user of the token file of the "
                    + "org.kybern.client configuration). Empty: system:node:<node name>.")
    String user() default "";

    @AttributeDefinition(name = "Runtime",
            description = "Filter choosing the container runtime service, by its kybern.runtime property.")
    String runtime_target() default "(kybern.runtime=docker)";

    @AttributeDefinition(name = "Labels",
            description = "Extra Node labels, each key=value.")
    String[] labels() default {};

    @AttributeDefinition(name = "Taints",
            description = "Node taints, each key[=value]:Effect (NoSchedule, PreferNoSchedule, NoExecute).")
    String[] taints() default {};

    @AttributeDefinition(name = "CPU capacity",
            description = "The Node's cpu capacity as a Kubernetes quantity (e.g. 2 or 1500m). Empty: the host's "
                    + "processors.")
    String cpu() default "";

    @AttributeDefinition(name = "Memory capacity",
            description = "The Node's memory capacity as a Kubernetes quantity (e.g. 8Gi). Empty: the host's memory.")
    String memory() default "";

    @AttributeDefinition(name = "Pods", description = "How many pods the Node takes.")
    int pods() default 110;

    @AttributeDefinition(name = "Port",
            description = "The kubelet's HTTPS port (container logs for the API server). Two kubelets on one host "
                    + "need different ports.")
    int port() default 10250;

    @AttributeDefinition(name = "Address",
            description = "The Node's InternalIP: the API server reaches the kubelet here, and pods see it as "
                    + "their hostIP. The kubelet's server listens on it.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Data directory",
            description = "Where pod volumes live: <dir>/<node>/pods/<uid>/volumes/. Empty: <karaf.data>/kybern/kubelet.")
    String dataDir() default "";

    @AttributeDefinition(name = "Cluster CA file",
            description = "PEM of the cluster CA: a client certificate it signed may read container logs (the API "
                    + "server's). Empty: <karaf.data>/kybern/pki/ca.crt, where this Karaf's API server keeps it.")
    String caFile() default "";

    @AttributeDefinition(name = "Cluster DNS",
            description = "The cluster DNS servers pods with dnsPolicy ClusterFirst resolve names with (the kube-dns "
                    + "Service's ClusterIP). Empty: such pods use the node's resolv.conf, as dnsPolicy Default.")
    String[] clusterDNS() default {"10.96.0.10"};

    @AttributeDefinition(name = "Cluster domain",
            description = "The cluster's DNS domain: pods search <namespace>.svc.<domain>, svc.<domain>, <domain>.")
    String clusterDomain() default "cluster.local";
}
